from ninja import Router

from talenta.org.selectors import organisation_get

from .selectors import HORIZONS, vacancy_forecast

router = Router(tags=["succession"])


@router.get("/organisations/{code}/vacancies")
def get_vacancies(request, code: str):
    """Positions whose holder reaches the retirement age within 1, 2 and 5 years; key positions first."""
    counts, key_counts, items = vacancy_forecast(
        actor=request.user, org=organisation_get(actor=request.user, code=code)
    )
    return {
        "within_years": {str(h): counts[h] for h in HORIZONS},
        "key_within_years": {str(h): key_counts[h] for h in HORIZONS},
        "positions": [
            {
                "nip": v.nip,
                "name": v.name,
                "position": v.position,
                "job_kind": v.job_kind,
                "key": v.is_key,
                "unit": v.unit_code,
                "retirement_date": v.retirement_date.isoformat(),
            }
            for v in items
        ],
    }

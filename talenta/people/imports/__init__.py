"""The import kinds that ``people`` owns: pegawai, jabatan, kinerja, disiplin, penghargaan."""

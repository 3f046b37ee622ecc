from talenta.cli import main

main()

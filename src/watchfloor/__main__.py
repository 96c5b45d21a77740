from watchfloor.cli.main import main

main()

from microtui.cli import main

raise SystemExit(main())

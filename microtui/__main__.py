from microtui.launch import main

raise SystemExit(main())

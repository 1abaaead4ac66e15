"""icpdesk's PySide6 front end (installed as icpdesk_ui). Widgets and wiring only: every rule
lives in the core package `icpdesk`."""

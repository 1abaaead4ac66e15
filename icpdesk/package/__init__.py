"""The exported package (contract §4): a zip with manifest.json, the materials, summary.html
and summary.pdf. Export writes it whole or not at all; verify and import treat it as hostile."""

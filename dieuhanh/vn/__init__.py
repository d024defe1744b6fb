"""Vietnamese helpers: folding, date phrases, periods, working days. Pure Python, never imports Django."""

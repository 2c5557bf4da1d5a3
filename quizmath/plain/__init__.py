"""Plain mode: the line-by-line front end (screen readers, pipes, scripts). It renders what the
core returns and reads the learner's lines; it never imports the TUI."""

"""Values and text rendered for a terminal, in readable Unicode."""

"""The template expression language: our own parser and a whitelisting interpreter."""

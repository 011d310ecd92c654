"""The `allybot` command line and the local shell."""

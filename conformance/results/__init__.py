"""Results of a run: frozen models, their JSON form, and the writers built on them."""

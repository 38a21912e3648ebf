"""Words staff and visitors read: the Dutch message catalogue and the Dutch wording of dates, amounts and countries."""

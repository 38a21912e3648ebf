"""What follows from the checked reports as a whole: follow-up actions tracked through git history."""

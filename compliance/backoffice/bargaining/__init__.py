"""The bargaining procedure in the admin: rounds and their steps, offer campaigns, instructors."""

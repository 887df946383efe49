"""The bargaining pipeline in the admin: the baseline survey, the intents, the funnel with its
stuck lists and the forecast (issue 18 items 1–3)."""

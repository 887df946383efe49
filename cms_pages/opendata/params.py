"""The notice list's filter parameters that the open data accepts, apart from its views, so the
notice pages can build links to the downloads and feed without importing the views."""

# "page" and the relevance order belong to the HTML list only (the API pages by cursor).
FILTER_PARAMS = (
    "q",
    "industry",
    "region",
    "scope",
    "kind",
    "status",
    "year",
    "in_force_on",
    "expiring_within",
    "sort",
)

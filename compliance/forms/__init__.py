"""Forms (and the request helpers that go with them) used by both entry points of compliance:
the back office (`compliance.backoffice`) and the enterprise area (`compliance.public`).

Those two may not import each other (the layers contract in pyproject.toml), so what they share
lives here, one layer below them: `key_terms` (the codebook's form fields, issue 19) and
`surveys` (opening a workers' survey, issuing its codes, printing its poster and code sheet).
"""

"""The demo content: what `make demo` shows, and the building blocks the test and bench seeders
share with it. A top-level consumer of the domain: it may import compliance, cms_pages, tenants
and accounts; none of them may import it.

- builders.py: enterprises, registered and published contracts, case studies, legal pages,
  contract templates, staff sign-ins (used by every module here, tests/security/seed.py and
  tests/browser/content.py)
- federations.py: the two demo federations (Jiamusi and its high-tech zone), the platform
  operator, each federation's supervisor and award committee member (the demo's sign-ins, printed
  by `manage.py demo`; the load bench provisions the same federations)
- ledger.py: each federation's enterprise ledger
- bargaining.py: rounds at every step, contracts in every state
- supervision.py: cases and letters at every stage, performance checks
- public.py: the public site's contact, case studies, legal pages, templates and more published
  contracts (also the load bench's pages)
- awards.py: an award with its veto criteria, violations, a stored check and its public notice
- seed.py: all of it in order, for `manage.py seed_demo` (run by `make demo`)
"""

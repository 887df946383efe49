"""The few compliance pages the public or an employer sees, outside the admin: the employer's
private reply link to a letter (reply.py) and the award shortlists under public notice
(award_notices.py). Their URLs (urls.py) are included once by the federation's URL conf."""

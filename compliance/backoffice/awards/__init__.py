"""Award eligibility (一票否决) in the admin: awards, criteria, violation records, eligibility
checks and the public notices of their shortlists."""

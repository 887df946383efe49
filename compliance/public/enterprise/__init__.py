"""The enterprise area at /enterprise/ on the federation's host (issue 17): its own sign-in with
both factors, a mobile-first layout, and pages scoped to the signed-in user's enterprise."""

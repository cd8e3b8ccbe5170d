"""Two short invented reports of one storm, shared by the pipeline and manual-link tests."""

A = """Storm Ada closes schools

Storm Ada forced 120 schools to close across the county on Tuesday.

Winds of up to 90 mph brought down power lines near the coast.

The council said bins would be collected a day late.
"""
B = """Schools shut as Ada batters county

More than a hundred schools closed on Tuesday as Storm Ada swept across the county.

Engineers worked through the night to restore power to 4,000 homes.

Gusts reaching 90 mph toppled power lines along the coast.
"""

"""Compare stage: group claims about the same thing and judge whether their values agree."""

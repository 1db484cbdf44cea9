## Survey questions, options, conversation prompts and exercises that
## programme files refer to by key.

## Outcome status (the follow-up survey)
outcome-job = I have a job
outcome-education = I am in education
outcome-self-employed = I am self-employed
outcome-clarified = I have clarified what I want next
outcome-still-seeking = I am still seeking
q-outcome = What is your situation now?

## Mid-term
q-benefit-so-far = How much have you gained from the mentorship so far?
q-meetings-so-far = How many times have you met so far?
opt-meetings-0 = Not yet
opt-meetings-1 = Once
opt-meetings-2 = Twice
opt-meetings-3plus = Three times or more
q-anything-to-change = Is there anything you would like to change or need help with?

## Final
q-overall-benefit = Overall, how much have you gained from the mentoring programme?
q-gain-competences = Has it made you more aware of your own competences?
q-gain-confidence = Has it made you more confident about the move from study to work?
q-gain-career-paths = Has it made you more aware of career paths and relevant jobs?
q-factors = Which factors mattered most for a good mentorship?
opt-factor-match = A match close to my field
opt-factor-freedom = Freedom to shape the meetings
opt-factor-expectations = Framed expectation setting
opt-factor-events = The joint events
q-ideal-length = What would be the ideal length of the programme?
opt-length-one = One semester
opt-length-two = Two semesters
opt-length-more = Longer
q-comments = Anything else you want to tell us?

## Conversation prompts
prompt-get-to-know = Tell each other about your background, and what you hope to get out of the programme.
prompt-expectations = Agree on how often you meet, how you keep in touch, and what the mentor can and cannot help with.
prompt-competences = Which of your competences are most in demand outside university? Where does your education meet a company's needs?
prompt-career-paths = Which jobs and career paths do people with your education end up in? What did the mentor's path look like?
prompt-cv = Go through your CV and an application together. What would make a small company call you?
prompt-network = Who in your mentor's network could you talk to? Plan one conversation or company visit.
prompt-midway = Halfway: what has been most useful so far, and what do you want from the rest of the programme?
prompt-next-steps = What are your next steps after the programme? Write down one you take within a month.

## Exercises
exercise-competence-map = Exercise: list five things you can do, and for each, a situation where you showed it. Discuss with your mentor how to say it to an employer.
exercise-interview = Exercise: hold a 15-minute mock job interview. The mentor asks, you answer, then swap feedback.

## Survey questions, options, conversation prompts and exercises that
## programme files refer to by key.
##
## Keys without a prefix are shared by several programmes. Keys that belong
## to one programme carry its prefix: km- (Karrierementor), lyngby- (Career
## Mentoring Programme, Lyngby-Taarbæk), hefn- (Hjælp en flygtning NU),
## gccp- (Greater Copenhagen Career Program), nho- (NHO Global Future).
## Every question is asked of both roles unless the programme file says
## otherwise, so the wording works for mentees and mentors alike.

## Outcome status (the follow-up survey; options fixed by the schema)
outcome-job = I have a job
outcome-education = I am in education
outcome-self-employed = I am self-employed
outcome-clarified = I have clarified what I want next
outcome-still-seeking = I am still seeking
q-outcome = What is your situation now?

## Shared answer options
opt-yes = Yes
opt-no = No
opt-maybe = Maybe
opt-partly = Partly
opt-format-physical = In person
opt-format-virtual = Online
opt-format-both = Both

## Mid-term (shared)
q-benefit-so-far = How much have you gained from the mentorship so far?
q-meetings-so-far = How many times have you met so far?
opt-meetings-0 = Not yet
opt-meetings-1 = Once
opt-meetings-2 = Twice
opt-meetings-3plus = Three times or more
opt-meetings-1-2 = Once or twice
opt-meetings-3-5 = 3 to 5 times
opt-meetings-6plus = 6 times or more
q-match-fit = How well does your match fit your field and your wishes?
q-expectations-set = Have you agreed on expectations and goals for the mentorship?
q-mentee-takes-lead = Does your mentee take the lead: book the meetings and propose topics?
q-topics-so-far = What have you worked on so far?
opt-topic-competences = Competences
opt-topic-career-paths = Career paths and jobs
opt-topic-cv = CV and applications
opt-topic-network = Network
opt-topic-work-culture = Work culture
opt-topic-company-visit = Company visit or one-day internship
opt-topic-interview = Job interviews
opt-topic-study-to-work = From study to work
opt-topic-education = Education and courses
opt-topic-language = Language at work
q-anything-to-change = Is there anything you would like to change or need help with?

## Final (shared)
q-overall-benefit = Overall, how much have you gained from the mentoring programme?
q-gain-competences = Has it made you more aware of your own competences?
q-gain-confidence = Has it made you more confident about the move from study to work?
q-gain-career-paths = Has it made you more aware of career paths and relevant jobs?
q-gain-competences-dk = Do you know better how to use your competences in the Danish labour market?
q-gain-work-culture-dk = Do you know more about Danish work culture?
q-gain-clarity = Are you clearer about which job or education to aim for?
q-gain-momentum = Has it helped you keep up or gain momentum in your job search?
q-gain-cv = Has your CV improved?
q-gain-interview = Are you better prepared for job interviews?
q-network-stronger = Has your professional network become stronger?
q-meeting-format = How have you mostly met?
q-factors = Which factors mattered most for a good mentorship? Rank them.
opt-factor-match = A match close to one's field
opt-factor-freedom = Freedom to shape the meetings
opt-factor-expectations = Framed expectation setting
opt-factor-frame = A clear frame: meetings and end date
opt-factor-mentee-lead = The mentee taking the lead
opt-factor-events = The joint events
opt-factor-tools = Tools and exercises
opt-factor-network = The mentor's network
opt-factor-workplace = Meeting at the mentor's workplace
opt-factor-volunteer = A volunteer mentor, outside the system
opt-factor-follow-up = Follow-up from the coordinator
q-ideal-length = What would be the ideal length of the programme?
opt-length-one-semester = One semester
opt-length-two-semesters = Two semesters
opt-length-more = Longer
q-length-right = How did you find the length of the programme?
opt-length-too-short = Too short
opt-length-right = About right
opt-length-too-long = Too long
q-mentor-gains = What have you gained as a mentor?
opt-mentor-gain-difference = Making a difference for someone
opt-mentor-gain-network = A wider local network
opt-mentor-gain-cultures = Meeting other nationalities
opt-mentor-gain-insight = New insight into others' competences
opt-mentor-gain-skills = Better at guiding and listening
opt-mentor-gain-reflection = Reflection on my own career
q-mentor-again = Would you be a mentor again?
q-recommend = Would you recommend others to take part?
q-wishes = What would you wish for in a future mentoring programme?
q-comments = Anything else you want to tell us?

## Follow-up (shared)
q-follow-up-helped = How much has the mentorship helped you get where you are now?
q-still-in-touch = Are you still in touch with your mentor?

## Karrierementor
km-q-study-timing = When in your studies would a mentor be most useful?
km-opt-timing-bachelor = During the bachelor's
km-opt-timing-master-first = First year of the master's
km-opt-timing-master-last = Final year of the master's
km-opt-timing-graduate = Right after graduating

## Career Mentoring Programme, Lyngby-Taarbæk
lyngby-opt-factor-workshops = The career workshop and mentor course
lyngby-opt-factor-speed-dating = The kickoff with speed-dating
lyngby-opt-factor-interview-session = The job-interview session
lyngby-q-network-helped = Has your network in Denmark helped you since the programme?

## Hjælp en flygtning NU
hefn-q-hours = Do you manage about four hours a month together?
hefn-opt-factor-trade = A mentor from the same trade
hefn-opt-factor-local = A mentor who knows the local job market
hefn-q-next-step = Which of these fits your situation best?
hefn-opt-next-job = An ordinary job
hefn-opt-next-wage-subsidy = A job with wage subsidy
hefn-opt-next-internship = An internship at a company
hefn-opt-next-education = Education or training
hefn-opt-next-none = None of these yet

## Greater Copenhagen Career Program
gccp-q-meeting-place = Where have you mostly met?
gccp-opt-place-workplace = At the mentor's workplace
gccp-opt-place-elsewhere = Somewhere else
gccp-opt-factor-seminars = The job-search seminars
gccp-q-stay = Do you plan to stay and work in Denmark after your studies?
gccp-q-graduated = Have you finished your degree?
gccp-q-in-denmark = Is your job or education in Denmark?

## NHO Global Future
nho-q-gain-work-culture = Do you know more about Norwegian work culture?
nho-q-learning-group = How useful has the learning group been for you?
nho-q-mentor-view = Has being a mentor given you a more nuanced view of immigrants' competences and resources?
nho-q-career-change = Has your career changed since the programme started?
nho-opt-career-new-job = New job
nho-opt-career-new-role = New role or more responsibility at my workplace
nho-opt-career-none = No change yet
nho-opt-factor-learning-plan = The individual learning plan

## Conversation prompts (shared)
prompt-prepare = Before you meet: what do you hope to get out of the mentorship, and what can you offer the other?
prompt-reach-out = Mentee: take the first step. Write a short message with a few lines about yourself and two or three times that suit you for a first meeting.
prompt-get-to-know = Tell each other about your background, and what you hope to get out of the programme.
prompt-expectations = Agree on how often you meet, how you keep in touch, and what the mentor can and cannot help with.
prompt-goals = Agree on two or three goals for the programme, formulated by the mentee. What would make it a success by the end?
prompt-book-before-parting = Before you part: book the next meeting and agree on its topic.
prompt-competences = Which of your competences are most in demand here? Where does your experience meet a company's needs?
prompt-career-paths = Which jobs and career paths do people with your education end up in? What did the mentor's path look like?
prompt-cv = Go through your CV and an application together. What would make an employer call you?
prompt-network = Who in your mentor's network could you talk to? Plan one conversation or company visit.
prompt-work-culture-dk = What is typical of Danish workplaces: meetings, hierarchy, lunch, humour, e-mail? What surprises the mentee?
prompt-company-visit = Could the mentee visit the mentor's workplace, or spend a day there as a one-day internship? Agree on a date and what to look at.
prompt-job-ads = Find two or three job ads that interest the mentee, and go through what they really ask for.
prompt-unsolicited = How do you write an unsolicited application, and which company would you send one to first?
prompt-midway = Halfway: what has been most useful so far, and what do you want from the rest of the programme?
prompt-goals-check = Look at the goals you set at the start. Which have moved, and which need a new sub-goal?
prompt-next-steps = What are your next steps after the programme? Write down one you take within a month.
prompt-thanks = Tell each other what the mentorship has meant, and agree whether and how you keep in touch.
prompt-keep-in-touch = The programme has ended. If you agreed to keep in touch, a short update to the other in a few months is welcome.
prompt-follow-up-update = Tell your mentor where you are now. Mentors rarely hear how it went, and they like to know.

## Conversation prompts: Karrierementor
km-prompt-competences = Which of your competences are most in demand outside university? Where does your education meet a company's needs?
km-prompt-sme = What is it like to work in a small or medium-sized company? How do they hire, and how do you get noticed?
km-prompt-student-job = Would a student job, a project placement or a thesis with a company help? Where would the mentor look?
km-prompt-study-to-work = What worries you about the move from study to work? What did the mentor wish they had known?

## Conversation prompts: Lyngby-Taarbæk
lyngby-prompt-spouse = Talk about the family's situation: how long you plan to stay, your career before Denmark, and what it takes to restart it here.
lyngby-prompt-local-companies = Which companies in and around Lyngby hire people with the mentee's background? Does the mentor know someone there?
lyngby-prompt-interview-session = The job-interview session: which questions do you want to practise before it, or what did you learn from it?

## Conversation prompts: Hjælp en flygtning NU
hefn-prompt-trade = How does the trade work in Denmark: certificates, unions, how people get hired? What is the same as where the mentee worked before?
hefn-prompt-local-contacts = Which local companies could use the mentee's skills? Who could the mentor call or introduce?
hefn-prompt-plan = What is the mentee's plan with the job centre? How can your meetings support it?
hefn-prompt-language = Which Danish words and phrases does the mentee need at work in this trade? Practise them together.

## Conversation prompts: Greater Copenhagen Career Program
gccp-prompt-workplace = You meet at the mentor's workplace: could the mentee meet one or two colleagues and hear how they got their jobs?
gccp-prompt-student-job = A student job, an internship or a thesis with a company is often the way into a first job in Denmark. Where could the mentee find one?
gccp-prompt-seminar = What did the mentee take from the last job-search seminar? Try one thing from it together.
gccp-prompt-stay = What would make the mentee stay and work in Denmark after graduating? What is in the way?

## Conversation prompts: NHO Global Future
nho-prompt-learning-plan = Go through the adept's individual learning plan. Which goals are you working on now?
nho-prompt-learning-group = What came up in the last learning group? Bring one question from it to the mentor.
nho-prompt-work-culture = What is typical of Norwegian workplaces: meetings, decisions, hierarchy, informal talk? What surprises the adept?
nho-prompt-career-step = What would the adept's next career step be: a new role, more responsibility, a new employer? What does it take?
nho-prompt-mentor-company = Could the adept visit the mentor's company or sit in on a meeting there, to see how decisions are made?

## Exercises (shared)
exercise-pitch = Exercise: prepare a one-minute presentation of yourself as you would give it to an employer. Try it on your mentor and ask for one thing to improve.
exercise-goals = Exercise: write three goals for the programme. For each, a first sub-goal you can reach within a month, and how you will know you reached it.
exercise-competence-map = Exercise: list five things you can do, and for each, a situation where you showed it. Discuss with your mentor how to say it to an employer.
exercise-interview = Exercise: hold a 15-minute mock job interview. The mentor asks, you answer, then swap feedback.
exercise-job-ad = Exercise: take a real job ad and underline what they ask for. For each point, write an example from your own experience, and go through it with your mentor.
exercise-cv-30-seconds = Exercise: your mentor reads your CV for 30 seconds, then says what they remember. Is that what you want an employer to remember?
exercise-network-map = Exercise: write down ten people you know who work in or near your field, or know someone who does. With your mentor, pick two to contact this month.
exercise-goal-check = Exercise: score each of your goals from 1 to 5 for how far you have come. For the lowest, agree on one thing to do before the next meeting.
exercise-plan-ahead = Exercise: write a plan for the three months after the programme: what you will do, whom you will contact, and when.

## Exercises: programme-specific
lyngby-exercise-danish-cv = Exercise: rewrite your CV the Danish way: at most two pages, a short profile at the top, results rather than duties. Compare before and after with your mentor.
hefn-exercise-competences-dk = Exercise: list the jobs and tasks you have had. For each, find the Danish job title and a Danish job ad that asks for the same.
hefn-exercise-phone-call = Exercise: prepare a short phone call to a company: who you are, what you can do, and what you ask for (a visit, an internship, a job). Practise it with your mentor, then make the call.
gccp-exercise-linkedin = Exercise: go through your LinkedIn profile together. Would a Danish recruiter find you with the search words of your field?
nho-exercise-career-map = Exercise: draw your career so far and where you want to be in three years. Mark what you need to get there: competence, network, language, certificates.

## Event titles: what an event is called, in place of its kind. Inserted
## into "You are invited to the { $kind } of { $programme }" and "invitation
## to the { $kind }", so each is a lowercase noun phrase without an article.
km-event-kickoff = kickoff with expectation setting
lyngby-event-career-workshop = career workshop for mentees
lyngby-event-mentor-course = mentor course
lyngby-event-kickoff-speed-dating = joint kickoff with speed-dating
lyngby-event-interview-session = job-interview session
hefn-event-mentor-introduction = introduction for mentors
gccp-event-mentor-training = mentor training
gccp-event-seminar-cv = CV and application seminar
gccp-event-seminar-network = networking seminar with Danish companies
gccp-event-seminar-interview = job-interview seminar
gccp-event-seminar-first-job = seminar on the first job in Denmark
nho-event-mentor-training = mentor training
nho-event-learning-group = learning group for adepts

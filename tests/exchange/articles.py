"""Articles written for the importer's tests, in the project's own words (no real article).

They hold on purpose what real articles hold and the importer once got wrong:
abbreviations that end no sentence ("Feb.", "No.", "Dr."), numbers that are parts of
names ("Directive No. 24", "July 13", "Resolution 36"), sentence-initial words and
adverbs ("Regarding", "Strictly", "Let"), a short acronym ("TW"), a name after "of"
("Minister of Justice Nguyễn Đình Lộc"), variants of one name ("Nguyễn Phú Trọng",
"Nguyen Phu Trong", "Trong"), an acronym defined in parentheses, a list a document
demands and claims reported with "said" or "argued".
"""

PRESS_DIRECTIVE = """\
A Directive on the Press

On Feb. 3, 2024 the Politburo of the Communist Party of Vietnam (CPV) issued Directive No. 24, \
a text on the press that officials called a shield against hostile forces. Regarding the \
internet, the directive demands: stricter licensing of news sites, the removal of posts that \
criticise the leadership and training for provincial propaganda officers.

Nguyễn Phú Trọng, the General Secretary of the CPV, said that the press must serve the \
revolution. Trong repeated the point on July 13 at a meeting of the Central Propaganda \
Commission, where he told editors that Resolution 36 on online content was not negotiable. \
Strictly speaking, the directive adds nothing new to the Press Law of 2016.

Dr. Lê Văn Hòa, a lecturer at the Hanoi Law University, argued that the directive turns \
editors into censors of their own pages. Let us be clear, he wrote in a column that 40 \
newspapers declined to print: the Ministry of Information and Communications now decides what \
counts as news. The Vietnam Journalists Association did not reply to questions.

Former Minister of Justice Nguyễn Đình Lộc warned in an interview that the Constitution \
protects the freedom of the press. Nguyen Phu Trong has not answered him. According to the \
Ministry of Public Security, 17 bloggers were arrested in Hanoi and Da Nang during the \
campaign, and the TW office of the Party approved every arrest in advance.
"""

# A list whose items start with capitals, and a place just before "said".
DECREE_ORDERS = (
    "The decree gives local officials three orders for the coming year: Strictly manage the "
    "groups that receive foreign money, Regularly inspect the offices of the Vietnam Lawyers "
    "Association and Let no petition reach the National Assembly unread. Officials in Hue said "
    "the orders came from the Ministry of Home Affairs."
)

# Names with "St.", "on" and "and" inside, an organisation that "said", an article number.
BLOGGER_TRIAL = """\
U.S. Secretary of State Antony Blinken said on Jan. 5 that Washington would raise the case of \
the blogger Phạm Đoan Trang with Hanoi. Mr. Blinken spoke in St. Petersburg, Florida, where \
many Vietnamese families have settled since the war ended.

Trang, who founded the publisher Liberal Publishing House, was sentenced under Article 117 of \
the Penal Code to nine years in prison. Amnesty International (AI) called the trial a \
travesty, and the European Union (EU) asked for her release. In a statement, the EU said the \
verdict broke Vietnam's commitments under the International Covenant on Civil and Political \
Rights.

Lê Thị Thu Hằng, a spokesperson of the Foreign Ministry, argued that the case was a domestic \
matter. Amnesty International said 160 prisoners of conscience are held in Vietnam.
"""

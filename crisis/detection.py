# ruff: noqa: E501  (the rule table reads best one pattern per line)
"""Risk detection: pure functions that score text into none, concern, high or imminent.

Rules are regular expressions by category and level; admins edit them (`RiskRule`), and
`DEFAULT_RULES` seeds them (data migration) and serves when the table is empty. Scoring
works clause by clause and sets a match aside when it is:

- negated just before it ("I'm not going to hurt myself", "I would never kill myself");
- quoted or reported from someone else ("the news said he wanted to die");
- about the past with nothing saying it is still so ("that day I thought I would die",
  "back then I wanted to die");
- about someone else ("my brother wants to die": the writer may need support, but the
  alert would be about the wrong person).

This is a safety net under people, not instead of them: anything it misses can still reach
a counselor through the help button, a flag or a supporter.
"""

import re
import time
from dataclasses import dataclass, field

NONE, CONCERN, HIGH, IMMINENT = "none", "concern", "high", "imminent"
LEVELS = (NONE, CONCERN, HIGH, IMMINENT)
_RANK = {level: i for i, level in enumerate(LEVELS)}

_ME = r"(?:myself|my ?self)"
_NOW = r"(?:tonight|today|right now|now|this (?:morning|afternoon|evening|weekend)|tomorrow)"
_END = r"(?:end (?:it all|it|my life|everything|things)|kill " + _ME + r"|take my (?:own )?life)"

# (category, level, pattern). Patterns run on normalised text: lower case, straight
# apostrophes, contractions expanded ("can't" -> "cannot", "I'm" -> "i am").
DEFAULT_RULES: tuple[tuple[str, str, str], ...] = (
    # Intent or timing: a stated plan to act soon.
    (
        "intent_or_timing",
        IMMINENT,
        r"\b(?:going to|will|about to|gonna|plan to|planning to|ready to) " + _END + r"\b",
    ),
    ("intent_or_timing", IMMINENT, r"\b" + _END + r"\b.{0,30}\b" + _NOW + r"\b"),
    (
        "intent_or_timing",
        IMMINENT,
        r"\b(?:this is|saying) (?:my )?(?:final )?goodbye\b|\bgoodbye (?:everyone|forever|all of you)\b",
    ),
    ("intent_or_timing", IMMINENT, r"\bby the time (?:you|anyone) (?:read|reads|sees) this\b"),
    (
        "intent_or_timing",
        IMMINENT,
        r"\b(?:wrote|written|writing|left) (?:my|a) (?:suicide |goodbye )?(?:note|letters?)\b.{0,40}\b(?:family|kids|mom|dad|everyone|goodbye)\b|\bsuicide note\b",
    ),
    (
        "intent_or_timing",
        IMMINENT,
        r"\b(?:tonight|today) is the night\b|\bi am done\b.{0,20}\b(?:tonight|for good|forever)\b",
    ),
    # Plan or means, in hand.
    (
        "plan_or_means",
        IMMINENT,
        r"\b(?:have|got|holding|bought|loaded) (?:the |a |my )?(?:\w+'s )?(?:gun|pills|rope|noose|razor|blade)\b.{0,40}\b(?:ready|loaded|in front of me|in my hand|next to me|and|to)\b",
    ),
    (
        "plan_or_means",
        IMMINENT,
        r"\b(?:took|swallowed|taken|have taken) (?:a (?:bunch|lot|handful) of|all (?:of )?(?:my|the)|too many|\d+) (?:of )?(?:my |the )?(?:pills|tablets|meds|medication|sleeping pills)\b",
    ),
    (
        "plan_or_means",
        IMMINENT,
        r"\b(?:standing|sitting|i am) on (?:the |a )?(?:edge|ledge|bridge|roof|railing|tracks)\b|\b(?:going to|about to) jump\b(?! (?:in|into|on|at|rope|for|up))",
    ),
    (
        "plan_or_means",
        HIGH,
        r"\bhow many (?:pills|tablets)\b|\b(?:ways|how) to (?:kill "
        + _ME
        + r"|die|end it)\b|\bpainless(?:ly)? (?:way|death|die)\b",
    ),
    (
        "plan_or_means",
        HIGH,
        r"\b(?:saving|stockpiling|hoarding) (?:up )?(?:my )?(?:pills|meds|medication)\b|\b(?:tie|tied|tying) a noose\b|\bbuy(?:ing)? a gun\b.{0,30}\b(?:for me|myself|end)\b",
    ),
    # Immediate danger.
    (
        "immediate_danger",
        IMMINENT,
        r"\b(?:he|she|they|someone|somebody|a man|the shooter) (?:is|are) (?:outside|inside|here|in the house|breaking in)\b",
    ),
    (
        "immediate_danger",
        IMMINENT,
        r"\b(?:he|she|they|someone) (?:is|are) (?:going to|gonna|trying to) (?:kill|shoot|hurt|stab) me\b",
    ),
    (
        "immediate_danger",
        IMMINENT,
        r"\bi am (?:not safe|in danger) (?:right )?now\b|\bi am bleeding (?:a lot|badly|heavily)\b|\bcannot stop the bleeding\b|\bcut too deep\b",
    ),
    # Harm to others.
    (
        "harm_to_others",
        IMMINENT,
        r"\b(?:going to|will|about to|gonna|plan to|planning to) (?:kill|shoot|stab|hurt) (?:him|her|them|everyone|everybody|people|someone|those)\b",
    ),
    (
        "harm_to_others",
        HIGH,
        r"\b(?:want to|wanna|fantasi[sz]e about|thinking about) (?:kill|killing|shoot|shooting|hurt|hurting) (?:him|her|them|everyone|everybody|people|someone)\b",
    ),
    ("harm_to_others", HIGH, r"\bmake (?:them|him|her|everyone) pay\b"),
    # Suicidal thoughts.
    (
        "suicidal_thoughts",
        HIGH,
        r"\b(?:wants?|wanted|wish i could(?: just)?|just want)(?: to)? die\b|\bwant to be dead\b|\bwish i (?:was|were) dead\b|\bwish i (?:had|would have) died\b",
    ),
    (
        "suicidal_thoughts",
        HIGH,
        r"\b(?:kill|killing) "
        + _ME
        + r"\b|\bsuicid(?:e|al)\b|\btake my (?:own )?life\b|\bend(?:ing)? (?:it all|my life)\b",
    ),
    (
        "suicidal_thoughts",
        HIGH,
        r"\b(?:do not|cannot|no longer|not sure i|not sure if i) want to (?:live|be alive|be here|exist|wake up|keep living)\b|\bnot want to wake up\b",
    ),
    (
        "suicidal_thoughts",
        HIGH,
        r"\b(?:everyone|everybody|they|my (?:family|kids)|the world) (?:would be|is|are|will be) better off (?:without me|if i (?:was|were) gone|if i died)\b|\bbetter off dead\b",
    ),
    (
        "suicidal_thoughts",
        HIGH,
        r"\bno (?:reason|point) (?:to|in) (?:live|living|go on|going on|staying alive)\b|\bcannot (?:go on|keep going) (?:like this|anymore|any longer)\b",
    ),
    (
        "suicidal_thoughts",
        HIGH,
        r"\b(?:should have|should've) died\b.{0,30}\b(?:instead|too|with)\b|\bnot (?:be|being) (?:here|around) (?:anymore|much longer)\b|\bdisappear (?:forever|for good)\b",
    ),
    # Common ways of saying it that name no method (added after a first held-out check).
    (
        "suicidal_thoughts",
        HIGH,
        r"\b(?:done|finished) with (?:life|living|being alive)\b|\btired of (?:living|existing|being alive|life|being here)\b",
    ),
    (
        "suicidal_thoughts",
        HIGH,
        r"\b(?:hope|wish|want)\b.{0,20}\b(?:not|never) wake up\b|\bsleep and never wake up\b|\b(?:rather|prefer to) be dead\b",
    ),
    (
        "suicidal_thoughts",
        HIGH,
        r"\b(?:do not|cannot) see myself (?:being )?(?:alive|here|around)\b",
    ),
    (
        "suicidal_thoughts",
        HIGH,
        r"\b(?:picture|picturing|imagine|imagining) (?:myself )?(?:jumping|hanging|shooting myself|overdosing|dying|dead)\b",
    ),
    (
        "self_harm",
        HIGH,
        r"\b(?:scratching|scratched|carving|carved|cutting|burning|biting) (?:at )?my (?:arms?|wrists?|legs?|thighs?|skin)\b",
    ),
    (
        "plan_or_means",
        IMMINENT,
        r"\b(?:counting|lined up|laid out|sorting) (?:the |my |all )?(?:pills|tablets)\b|\bpills are (?:on the table|in front of me|in my hand|ready)\b",
    ),
    (
        "plan_or_means",
        IMMINENT,
        r"\bi am at the (?:bridge|edge|tracks|cliff|roof|ledge)\b|\b(?:took|swallowed) (?:everything|all of it|the whole (?:bottle|pack|box))\b",
    ),
    (
        "intent_or_timing",
        IMMINENT,
        r"\b(?:going to|gonna) do it (?:tonight|today|now|right now)\b|\btell (?:my |them |everyone )?\w* ?(?:i|that i) loved\b",
    ),
    (
        "immediate_danger",
        IMMINENT,
        r"\b(?:a man|a guy|someone|somebody|a person|he|she|my ex) (?:with|has|is holding|is carrying) (?:a |the )?(?:gun|knife|weapon)\b.{0,30}\b(?:in my|in the|here|outside|house|room|kitchen)\b|\bthere is a (?:man|guy|person|someone) with a (?:gun|knife)\b",
    ),
    (
        "immediate_danger",
        IMMINENT,
        r"\b(?:banging on|kicking in|breaking down|trying to break) (?:my |the )?door\b|\b(?:he|she|they) (?:will|is going to|are going to) (?:kill|hurt|shoot) me\b",
    ),
    (
        "harm_to_others",
        IMMINENT,
        r"\b(?:make sure|making sure) (?:nobody|no one|none of them)\b.{0,30}\b(?:walks out|survives|gets out|lives)\b",
    ),
    (
        "distress",
        CONCERN,
        r"\b(?:feel|feeling) (?:so |really |completely |all )?(?:empty|hollow)\b|\b(?:do not|cannot) see the point\b",
    ),
    (
        "distress",
        CONCERN,
        r"\b(?:been isolating|not answering anyone|shutting everyone out)\b|\beveryone (?:is|seems) (?:tired|sick) of me\b",
    ),
    # Standard warning signs, said in words no list can enumerate (second widening).
    (
        "suicidal_thoughts",
        HIGH,
        r"\b(?:i|part of me)\b(?:(?!\b(?:not|never)\b)[^.,]){0,30}\b(?:want|wanting|wish|wishing|hope|hoping|long|longing|would rather|ready|tempted)\b(?: to)?(?:(?!\b(?:not|never)\b)[^.,]){0,20}\b(?:die|be dead|not be (?:here|alive|around)|never wake up|stop (?:living|existing|breathing)|end (?:it|things|everything|my life))\b",
    ),
    (
        "suicidal_thoughts",
        HIGH,
        r"\bdeath (?:would|will|might) be (?:a )?(?:relief|easier|better|a release)\b|\b(?:easy|easier|simpler) to just (?:stop|end it|go|give up|not be here)\b",
    ),
    (
        "suicidal_thoughts",
        HIGH,
        r"\b(?:cannot|can not|do not think i can|not sure i can) keep myself safe\b|\b(?:a )?danger to myself\b",
    ),
    (
        "suicidal_thoughts",
        HIGH,
        r"\bhow long (?:it would take|until|before) (?:anyone|someone|they|people) (?:to )?(?:would )?(?:find|notice|miss)(?:es|s)? me\b",
    ),
    (
        "plan_or_means",
        HIGH,
        r"\b(?:who gets|giving away|gave away|given away|wrote down who gets) (?:all )?my (?:things|stuff|belongings|dog|cat)\b",
    ),
    (
        "plan_or_means",
        HIGH,
        r"\bmy (?:razor|blade|pills|gun) (?:has been|is|keeps?) (?:calling|tempting|waiting)\b",
    ),
    (
        "plan_or_means",
        IMMINENT,
        r"\b(?:the |my |a |his |dad's )?(?:gun|razor|blade|rope|noose|pills) (?:is|are) (?:in my (?:hand|lap|mouth)|next to me|ready|loaded|in front of me)\b",
    ),
    (
        "plan_or_means",
        IMMINENT,
        r"\b(?:pills?|bottle|gun|razor|blade|rope)\b[^.]{0,40}\b(?:i am going to|going to|about to) (?:take|use|swallow|do) (?:them|it|all)\b",
    ),
    (
        "plan_or_means",
        IMMINENT,
        r"\b(?:swallowed|took|taken|downed) (?:half|most|the rest|all) (?:of )?(?:the |my |a )?(?:bottle|pack|pills|meds)\b",
    ),
    (
        "plan_or_means",
        IMMINENT,
        r"\bi am (?:at|on|parked at|standing at|up on) the (?:bridge|edge|overlook|cliff|tracks|roof|ledge|railing)\b",
    ),
    (
        "intent_or_timing",
        IMMINENT,
        r"\bthis (?:will be|is) my (?:last|final) (?:post|message|words)\b|\bwill not be (?:here|alive|around) (?:tomorrow|by morning|much longer)\b",
    ),
    (
        "immediate_danger",
        IMMINENT,
        r"\b(?:he|she|they|someone|somebody|a man|my ex) (?:is|are|has|have) (?:got )?(?:a |the )?(?:gun|knife|weapon)\b[^.]{0,30}\b(?:here|hallway|outside|inside|house|door|room|stairs)\b",
    ),
    (
        "harm_to_others",
        IMMINENT,
        r"\bmake (?:them|him|her|everyone|those people) (?:all )?pay\b[^.]{0,30}\b(?:tonight|today|tomorrow|now)\b",
    ),
    (
        "self_harm",
        IMMINENT,
        r"\b(?:cut|cutting) (?:too )?deep\b[^.]{0,30}\b(?:blood|bleeding)\b|\ba lot of blood\b",
    ),
    (
        "distress",
        CONCERN,
        r"\b(?:drowning|a ghost in my own life)\b|\b(?:barely|cannot) get out of bed\b|\bso tired of everything\b|\bcannot remember the last time i felt\b",
    ),
    # Third widening: the first held-out set's misses, each written as the family of ways
    # it is said rather than the one sentence (that set is now part of risk_cases.csv).
    (
        "suicidal_thoughts",
        HIGH,
        r"\b(?:want|wish|wanting|wishing|hope|ready) to (?:stop being alive|stop existing|not exist|cease to exist|be gone|not be alive|stop being here)\b|\b(?:i|just) (?:want|wish) (?:it|everything|this) (?:all )?(?:to )?(?:be over|would end|to end)\b",
    ),
    (
        "suicidal_thoughts",
        HIGH,
        r"\b(?:being dead|death|dying|not existing|not being alive|not being here|never waking up)\b (?:would be|would feel|is|seems|sounds|feels) (?:so much |a lot |way )?(?:better|easier|kinder|peaceful|like a relief|a relief|a mercy)\b",
    ),
    (
        "suicidal_thoughts",
        HIGH,
        r"\bonly (?:way out|option left|escape)\b[^.]{0,30}\b(?:not exist|die|dying|death|dead|end it|kill|to not be here|disappear)\b",
    ),
    (
        "suicidal_thoughts",
        HIGH,
        r"\bif i\b[^.]{0,30}\b(?:did not|never|would not|do not) wake up\b[^.]{0,30}\b(?:okay|ok|fine|good|relief|better|mind|at peace)\b",
    ),
    (
        "suicidal_thoughts",
        HIGH,
        r"\b(?:will not|do not think i will) (?:make it|be here|be around|be alive) (?:to|until|for|through)\b[^.]{0,40}\bnot sure i (?:even )?want to\b|\b(?:will not|won't) be (?:a burden|around|here) (?:much|for) (?:longer|long)\b",
    ),
    (
        "plan_or_means",
        HIGH,
        r"\bin case i am (?:not|no longer) (?:around|here|alive)\b|\bletters? to (?:each of )?(?:my|all my) (?:kids|children|family|wife|husband|parents|mom|dad|friends)\b[^.]{0,40}\b(?:in case|when i am gone|after i am gone|goodbye)\b",
    ),
    (
        "plan_or_means",
        HIGH,
        r"\b(?:looked|looking|look) up (?:the )?(?:tallest|highest) (?:building|bridge|parking garage|point)\b|\b(?:looked up|looking up|googled|googling|searched) (?:how (?:high|tall|far down)|lethal doses?|how much (?:it|would) (?:take|kill))\b",
    ),
    (
        "plan_or_means",
        IMMINENT,
        r"\b(?:i am |i have been )?(?:holding|have|got) (?:the |a |my |his |dad's )?(?:knife|gun|pills|rope|blade|razor|pistol) (?:right now|now|in my hand|to my (?:wrist|throat|head))\b",
    ),
    (
        "plan_or_means",
        IMMINENT,
        r"\b(?:drank|took|swallowed|downed|finished) (?:the |a )?whole (?:bottle|pack|box)\b|\b(?:drank|took|swallowed)\b[^.]{0,30}\bwith (?:my |the |all (?:my|the) )?(?:pills|meds|tablets)\b",
    ),
    (
        "plan_or_means",
        IMMINENT,
        r"\b(?:going to|about to|will|gonna) (?:drive|crash|steer|walk|jump|throw myself) (?:my car |the car )?(?:into|off|in front of|under) (?:the |a )?(?:river|lake|sea|ocean|tree|wall|bridge|train|traffic|truck|cliff|bus|overpass)\b",
    ),
    (
        "intent_or_timing",
        IMMINENT,
        r"\bset (?:everything|it all|it|things) up\b[^.]{0,40}\b(?:it is time|tonight|ready)\b|\b(?:when|once|after|as soon as)\b[^.]{0,40}\b(?:leaves?|is gone|are gone|is asleep|are asleep|goes to (?:bed|sleep|work))\b[^.]{0,30}\b(?:going to|will) do it\b",
    ),
    (
        "immediate_danger",
        IMMINENT,
        r"\b(?:he|she|they|someone|somebody|a man|my ex)\b[^.]{0,20}\b(?:broke|smashed|kicked|kicking|breaking)\b[^.]{0,30}\b(?:window|door)\b[^.]{0,40}\b(?:has|with|holding|got) (?:a |the )?(?:bat|gun|knife|weapon|hammer|crowbar|machete)\b",
    ),
    (
        "immediate_danger",
        IMMINENT,
        r"\bthere is blood everywhere\b|\b(?:i am|i keep) (?:bleeding|losing blood)\b[^.]{0,40}\b(?:faint|dizzy|passing out|cannot stop)\b|\bblood\b[^.]{0,30}\bi (?:feel|am) (?:faint|dizzy|passing out)\b",
    ),
    (
        "harm_to_others",
        IMMINENT,
        r"\b(?:going to|will|about to|plan to|planning to) (?:kill|shoot|stab|hurt) (?:the|those|all the) (?:people|ones|men|guys)\b[^.]{0,60}\b(?:tonight|today|tomorrow|now|know where)\b",
    ),
    (
        "harm_to_others",
        HIGH,
        r"\bi know where (?:they|he|she) (?:live|lives|work|works)\b[^.]{0,40}\b(?:going|hurt|pay|kill)\b|\b(?:hurt|kill|shoot)\b[^.]{0,40}\bi know where (?:they|he|she) (?:live|lives)\b",
    ),
    # Fourth widening: a held-out set written by someone who never saw the rules, each miss
    # written as a family of phrasings (that set is now part of risk_cases.csv).
    (
        "suicidal_thoughts",
        HIGH,
        r"\bcheck(?:ing)? out (?:for good|permanently|early|of life)\b|\b(?:go to sleep|sleep) (?:for good|forever)\b|\bnot be a (?:problem|burden) (?:anymore|any more|to anyone)\b|\bdisappear permanently\b",
    ),
    (
        "suicidal_thoughts",
        HIGH,
        r"\bgo where (?:he|she|they) (?:is|are|went)\b|\b(?:want|ready|going|wanting) to (?:go )?join (?:him|her|them|my (?:son|daughter|wife|husband|mom|mother|dad|father|baby|kids|children|family|brother|sister|friend))\b|\b(?:want|ready|going) to (?:go )?(?:see|be with) (?:him|her|them|my (?:son|daughter|wife|husband|mom|dad|baby|kids|brother|sister)) again\b[^.]{0,30}\b(?:time|soon|ready|gone|where)\b",
    ),
    (
        "suicidal_thoughts",
        HIGH,
        r"\b(?:do|doing) something (?:stupid |drastic |bad |permanent )?to myself\b|\bhow much longer i can (?:hold on|last|keep going)\b[^.]{0,30}\bmyself\b",
    ),
    (
        "suicidal_thoughts",
        HIGH,
        r"\b(?:hope|hopes|hoping|wish|wishing|pray|praying)\b[^.]{0,30}\b(?:gets|hits|kills|takes|shoots) me\b|\blooks? like an accident\b",
    ),
    (
        "suicidal_thoughts",
        HIGH,
        r"\b(?:tracks|bridge|edge|roof|ledge|train|overpass|cliff)\b[^.]{0,40}\bhow easy (?:it would be|to)\b|\bif i had (?:a |the )?(?:gun|pills|rope)\b[^.]{0,40}\b(?:used it|would|do it)\b",
    ),
    (
        "self_harm",
        HIGH,
        r"\b(?:urge|urges|craving|tempted) to (?:cut|burn|self[- ]?harm|hurt myself)\b|\b(?:want|need|going) to (?:cut|burn) (?:again|myself)\b",
    ),
    (
        "plan_or_means",
        HIGH,
        r"\b(?:thinking about|think about|thought about|want to|going to|tempted to|could just)\b[^.]{0,15}\b(?:take|taking|swallow|swallowing|downing|overdos\w*)\b[^.]{0,10}\b(?:all|every one of|the whole|a whole)\b[^.]{0,20}\b(?:meds|pills|tablets|medication|bottle)\b|\ball (?:of )?(?:my|the) (?:meds|pills|tablets|medication) at once\b",
    ),
    (
        "plan_or_means",
        HIGH,
        r"\bhow many (?:of )?(?:my |the |these )?(?:\w+ )?(?:pills|tablets|meds)\b|\bhow much (?:\w+ )?(?:it )?would (?:it )?take to\b|\b(?:reading|read|looking|looked|searching|researching|googling|googled) (?:up )?(?:about )?(?:ways|methods|how) to (?:do it|go|die|end it|kill)\b|\bways to do it\b[^.]{0,30}\b(?:hurt|painless|quick)\b",
    ),
    (
        "plan_or_means",
        HIGH,
        r"\b(?:saving|stockpiling|hoarding|collecting) (?:up )?(?:my |all my |the )?(?:\w+ )?(?:pills|meds|medication|tablets)\b|\b(?:tie|tying) (?:a|the) (?:noose|knot)\b[^.]{0,20}\b(?:practi[cs]e|for me|myself)\b|\bbuy(?:ing)? a gun\b[^.]{0,30}\bnot for (?:protection|hunting|safety)\b",
    ),
    (
        "plan_or_means",
        HIGH,
        r"\b(?:gave|giving|given|give|started giving) (?:away )?(?:my|all my) (?:\w+ ){1,4}[^.]{0,40}\b(?:will not need|not need (?:it|them)|need to know why|in case|when i am gone)\b|\b(?:when|after|once) i am gone\b(?! (?:for|on|to|away))|\b(?:who gets|list of who gets) (?:what|my)\b",
    ),
    (
        "plan_or_means",
        HIGH,
        r"\b(?:wrote|written|writing|left) (?:some |a few )?letters? to (?:each of )?my (?:kids|children|family|wife|husband|parents)\b|\bgoodbye (?:note|letter|message|video)s?\b|\bdeleted (?:all )?my (?:socials|accounts|social media)\b[^.]{0,40}\bgoodbye",
    ),
    (
        "suicidal_thoughts",
        HIGH,
        r"\b(?:picture|picturing|imagine|imagining|thinking about|think about|keep thinking about)\b[^.]{0,15}\b(?:crashing|driving|steering|swerving) (?:my |the )?car\b[^.]{0,30}\b(?:into|off|in front of)\b",
    ),
    (
        "harm_to_others",
        HIGH,
        r"\bfantasi[sz](?:e|ing) about (?:burning|killing|hurting|shooting|stabbing|running over)\b|\b(?:want to|thinking about|think about) (?:hurt|hurting|kill|killing|shoot|shooting|stab|stabbing) (?:the|that|this) (?:guy|man|woman|people|person|boss|neighbou?r|coworker|ex)\b",
    ),
    (
        "plan_or_means",
        IMMINENT,
        r"\b(?:took|swallowed|taken|downed|ate|popped)\b[^.]{0,25}\b(?:[1-9]\d+|a bunch of|a handful of|a lot of|all (?:of )?(?:my|the|her|his))\b[^.]{0,25}\b(?:pills|tablets|meds|tylenol|advil|ibuprofen|paracetamol|acetaminophen|aspirin|oxy|oxycodone|xanax|benadryl|sleeping pills|insulin|percocet|vicodin|ambien|seroquel|lithium)\b|\bpills (?:are|have started) (?:kicking in|working)\b",
    ),
    (
        "plan_or_means",
        IMMINENT,
        r"\bgarage\b[^.]{0,30}\b(?:car|engine) (?:running|on)\b|\b(?:car|engine) running\b[^.]{0,20}\bgarage\b|\bin the (?:tub|bath|bathtub)\b[^.]{0,30}\b(?:razor|blade|knife|pills)\b|\b(?:tied|made|have) (?:a|the) noose\b",
    ),
    (
        "plan_or_means",
        IMMINENT,
        r"\bi am (?:at|on|by|standing on|sitting on|up on) (?:the |a )?(?:train |railway |railroad )?(?:bridge|edge|overlook|cliff|tracks|roof|ledge|railing|rooftop|platform)\b|^on (?:the |a )?(?:roof|ledge|edge|bridge|tracks|railing)\b",
    ),
    (
        "plan_or_means",
        IMMINENT,
        r"\b(?:going to|about to|will|gonna) (?:drive|crash|steer|swerve) (?:my car |the car )?(?:into|off|in front of) (?:the |a )?(?:\w+ )?(?:traffic|truck|tree|wall|bridge|train|river|lake|bus|overpass)\b|\b(?:bought|got|have) (?:a |the )?(?:gun|pistol|rope|pills)\b[^.]{0,40}\b(?:it is happening|doing it) (?:tonight|today|tomorrow|this weekend|soon)\b",
    ),
    (
        "immediate_danger",
        IMMINENT,
        r"\b(?:someone|somebody|he|she|they|a man|a guy|my ex)\b[^.]{0,10}\b(?:is |are )?(?:trying to (?:get|break) in(?:to)?|breaking in|broke in|getting in)\b|\b(?:someone|somebody|they|he|she) (?:is|are) (?:shooting|firing)\b|\bi am hiding (?:in|under|behind)\b[^.]{0,40}\b(?:shooting|shooter|gun|someone|he|him|they|them|door)\b",
    ),
    (
        "immediate_danger",
        IMMINENT,
        r"\b(?:he|she|they|someone|my (?:ex|husband|wife|boyfriend|girlfriend|partner|dad|stepdad|mom|father))\b (?:is|are) (?:hitting|beating|choking|strangling|attacking|stabbing|chasing) (?:me|us)\b|\b(?:is|are) (?:following|chasing|stalking) me\b[^.]{0,30}\b(?:right now|now|down the street|home)\b",
    ),
    (
        "immediate_danger",
        IMMINENT,
        r"\b(?:smoke|fire|flames)\b[^.]{0,40}\b(?:cannot get out|trapped|can not get out)\b|\btrapped\b[^.]{0,30}\b(?:fire|smoke|water|rubble|car)\b|\b(?:my \w+|he|she|someone|they) (?:is|are) (?:unconscious|not breathing|unresponsive|turning blue)\b|\bbarely breathing\b",
    ),
    (
        "harm_to_others",
        IMMINENT,
        r"\b(?:tonight|today|tomorrow|now)\b[^.]{0,40}\bmake (?:them|him|her|everyone|those people) (?:all )?pay\b|\b(?:have|got|holding) (?:a |the |my )?(?:knife|gun|bat|pistol)\b[^.]{0,40}\bwaiting for (?:him|her|them)\b|\b(?:going to|gonna) (?:kill|shoot|stab|hurt) (?:my|the|that) \w+\b[^.]{0,40}\b(?:tonight|today|tomorrow|when (?:he|she|they) (?:gets|get|comes|come))\b",
    ),
    # Struggling now, in everyday words: a gentle check-in (from the fourth widening's set).
    (
        "distress",
        CONCERN,
        r"\beverything (?:feels|is|seems) (?:so )?(?:heavy|gr[ae]y|pointless|meaningless|dark|empty)\b|\bnothing matters\b|^numb\b|\b(?:i am|i feel|feel|feeling) (?:so |just |completely )?numb\b",
    ),
    (
        "distress",
        CONCERN,
        r"\b(?:crying|cried) for (?:\w+ )?(?:days|hours|weeks)\b|\b(?:cannot|can not) stop crying\b|\b(?:cannot|can not) stand being in my (?:own )?(?:head|skin|body)\b|\bdo not recogni[sz]e myself\b|\bhating myself\b",
    ),
    (
        "distress",
        CONCERN,
        r"\bso (?:lonely|alone)\b|\bi am (?:so |all )?alone in this\b|\beveryone (?:has )?moved on (?:except|but) me\b|\b(?:pushing|push|pushed) (?:people|everyone|them) away\b",
    ),
    (
        "distress",
        CONCERN,
        r"\bcannot keep (?:feeling|living|going on) like this\b|\bfeel(?:ing)? worse,? not better\b|\bso tired of being\b|\bexhausted (?:from|all the time|by)\b|\bon guard all the time\b",
    ),
    (
        "distress",
        CONCERN,
        r"\b(?:have not|has not|barely) (?:slept|eaten|left the (?:house|apartment|flat|room|bed))\b|\b(?:slept|sleeping|sleep) (?:more than |about |maybe )?(?:two|three|2|3|\d) hours? a night\b|\bstopped eating\b|\bfood (?:just )?tastes like nothing\b",
    ),
    (
        "distress",
        CONCERN,
        r"\b(?:drinking|smoking|using|popping (?:my )?\w+) (?:way |a lot |so much )?more\b|\bmore often than i should\b|\bsmoking a pack a day\b|\b(?:cancelled|canceled|cancelling) on (?:my )?friends\b|\b(?:lie|lay|lying) on the floor for hours\b|\bsnapping at (?:my )?(?:kids|children|partner|wife|husband)\b",
    ),
    # Fifth widening: the misses of set 5 (written by a helper who never saw the rules),
    # as families of phrasings; that set is now part of risk_cases.csv.
    (
        "suicidal_thoughts",
        HIGH,
        r"\b(?:vanish|vanished|disappear|disappeared) (?:for good|forever|permanently)\b|\bif i (?:was|were) gone for good\b|\bwant the pain to stop (?:forever|for good|permanently)\b|\bknow (?:exactly )?how i would do it\b",
    ),
    (
        "suicidal_thoughts",
        HIGH,
        r"\bwish (?:the|that) (?:fire|shooter|bullet|flood|crash|bomb|attack|water|storm|quake|virus|cancer)\b[^.]{0,20}\b(?:had )?(?:taken|killed|got) me\b|\b(?:mistake|wrong)\b[^.]{0,15}\bletting me (?:live|survive)\b|\bshould have (?:taken|killed) me\b",
    ),
    (
        "suicidal_thoughts",
        HIGH,
        r"\b(?:walking|walk|walked|swim|swimming) (?:out )?into the (?:sea|ocean|lake|river|water|waves)\b|\bletting (?:it|the water|the sea|the waves) take me\b",
    ),
    (
        "suicidal_thoughts",
        HIGH,
        r"\b(?:not sure|do not know) (?:if |whether )?i (?:even )?want to (?:be alive|live|be here|exist|keep going|keep living)\b|\b(?:not|do not think i am) meant to be (?:here|alive)\b",
    ),
    (
        "suicidal_thoughts",
        HIGH,
        r"\b(?:be with|join|see)\b[^.]{0,25}\b(?:again,? )?wherever (?:she|he|they) (?:is|are)\b|\b(?:bus|train|road|exit|boat)\b[^.]{0,30}\bif you know what i mean\b",
    ),
    (
        "suicidal_thoughts",
        HIGH,
        r"\b(?:will not|do not think i will|decided i will not) be (?:around|here|alive) (?:for|at|by|to see) (?:the |my |our )?(?:next|this|christmas|new year|anniversary|birthday|graduation|summer)\b",
    ),
    (
        "suicidal_thoughts",
        HIGH,
        r"\blife insurance\b[^.]{0,40}\b(?:better|fine|without me)\b|\b(?:would|will) (?:be|have) (?:better|fine|easier)(?: off| lives?| life)? without me\b|\beasier life if i (?:was|were) not (?:in it|here|around)\b",
    ),
    (
        "suicidal_thoughts",
        HIGH,
        r"\bone step and (?:it is )?(?:all )?over\b|\b(?:think|thinking|thought) about (?:just )?(?:turning|jerking|swerving|letting go of) the wheel\b|\b(?:driving|crashing|steering) (?:my car |the car )?into (?:a|the) (?:tree|wall|pole|truck|river|lake|median|bridge|barrier)\b",
    ),
    (
        "suicidal_thoughts",
        HIGH,
        r"\btake matters into my own hands\b|\bnot fighting it\b[^.]{0,30}\b(?:anymore|this time|again)\b",
    ),
    (
        "plan_or_means",
        HIGH,
        r"\b(?:will not|do not think i will) be needing (?:them|it|those)\b|\b(?:updated|wrote|made|writing|redid) (?:my|a) will\b[^.]{0,60}\bin case\b|\bjust a date that would make sense\b|\bthinking of a date\b",
    ),
    (
        "plan_or_means",
        HIGH,
        r"\bpasswords written down\b|\b(?:want|wanted|making|make) (?:it|everything) (?:tidy|sorted|easy) for (?:her|him|them|my)\b|\bbills paid ahead\b|\bgiving (?:my|all my) (?:stuff|things|belongings|clothes|books) away\b",
    ),
    (
        "plan_or_means",
        HIGH,
        r"\blooked up which (?:tall )?(?:buildings|bridges|car parks|garages)\b|\broof access\b|\bsit in the garage with the (?:car )?keys\b",
    ),
    (
        "plan_or_means",
        HIGH,
        r"\b(?:hunting rifle|rifle|gun|pistol|shotgun)\b[^.]{0,40}\b(?:keep thinking about it|thinking about it|calling me|calling to me)\b|\b(?:pills|meds|tablets) (?:are )?(?:all )?saved up\b|\bpracti[cs]ed (?:tying|the knot|with the)\b",
    ),
    (
        "plan_or_means",
        HIGH,
        r"\b(?:asked|asking) about the waiting period\b|\bhow many (?:of )?(?:my )?(?:\w+ ){0,2}(?:pills|tylenol|insulin|pens|tablets|meds|advil|sleeping pills) it (?:would )?takes?\b|\b(?:which|what) (?:medications?|meds|pills) (?:are|is) (?:lethal|deadly|fatal)\b|\breading about (?:which|what) (?:medications?|pills|meds)\b",
    ),
    (
        "plan_or_means",
        HIGH,
        r"\b(?:said|say|saying) (?:a )?(?:proper|my) goodbyes?\b[^.]{0,40}\b(?:no idea|what i meant|nobody|no one)\b|\bsaid goodbye properly\b|\bbought the rope\b",
    ),
    (
        "self_harm",
        HIGH,
        r"\brelapsed and (?:cut|burned|burnt|hurt)\b|\b(?:cut|burned|burnt|scratched|punched|bit) myself\b|\bbang(?:ing)? my head (?:against|on) the (?:wall|floor)\b[^.]{0,40}\b(?:flashbacks?|until|bleed|bruise|getting worse|hurts)\b",
    ),
    (
        "harm_to_others",
        HIGH,
        r"\b(?:thoughts about|thinking about|picture|picturing|imagining|imagine) (?:going back to (?:that|the) \w+ with a (?:gun|rifle)|hurting|killing|smashing|shooting|stabbing|beating)\b",
    ),
    (
        "plan_or_means",
        IMMINENT,
        r"\b(?:pistol|gun|rifle|shotgun|revolver|knife|razor|blade)\b[^.]{0,15}\bin my (?:lap|hand|mouth)\b|\b(?:knife|blade|razor) (?:against|to|on) my (?:wrist|throat|neck|arm)\b|\b(?:have|got|bought) the (?:gasoline|petrol)\b[^.]{0,20}\b(?:lighter|matches)\b",
    ),
    (
        "plan_or_means",
        IMMINENT,
        r"\b(?:taking|going to take|will take)\b[^.]{0,10}\ball (?:of )?my \w+\b[^.]{0,40}\b(?:tonight|today|after|decided)\b|\b(?:injected|shot up) all (?:of )?my\b|\btook (?:the|my|all (?:the|my)) (?:pills|meds|tablets)\b[^.]{0,10}\b(?:an hour|\d+ (?:minutes|hours)|minutes|hours) ago\b",
    ),
    (
        "plan_or_means",
        IMMINENT,
        r"\bwhen the (?:express|train|next train|bus) (?:passes|comes)\b[^.]{0,30}\bstep|\bstepping (?:off|in front of) the (?:platform|train)\b|\bclimbing (?:over|onto) the (?:railing|ledge|edge|barrier|fence)\b|\bi am on (?:the |a |my )?balcony\b[^.]{0,40}\bjump\b|\bwant (?:to )?jump now\b",
    ),
    (
        "plan_or_means",
        IMMINENT,
        r"\bwater is (?:at|up to) my (?:chest|neck|waist|chin)\b|\b(?:car|engine) is running\b[^.]{0,30}\bgarage\b|\bi am (?:driving|crashing|steering) (?:my car |the car )?(?:into|off) (?:the |a )?(?:\w+ )?(?:river|lake|tree|wall|bridge|cliff|traffic)\b[^.]{0,30}\b(?:tonight|today|now)\b",
    ),
    (
        "intent_or_timing",
        IMMINENT,
        r"\b(?:doing|do) it\b[^.]{0,40}\bwhile (?:the house is empty|everyone is (?:out|away|asleep)|no one is home|nobody is home)\b|\b(?:last message|will be gone by (?:sunrise|morning|dawn|tomorrow|tonight))\b|\b(?:catch|catching) the (?:last )?bus (?:tonight|today|now)\b",
    ),
    (
        "immediate_danger",
        IMMINENT,
        r"\b(?:choking|strangling|beating|hitting) me\b|\b(?:has )?followed me for\b[^.]{0,30}\bstill\b|\bstill right behind me\b|\bheard (?:glass|the window|a window) break\b|\bsomeone is in (?:my|the) house\b",
    ),
    (
        "immediate_danger",
        IMMINENT,
        r"\bswinging a (?:machete|knife|bat|axe|hammer)\b|\bhas a (?:knife|gun)\b[^.]{0,20}\b(?:screaming|yelling|saying|threatening)\b|\b(?:screaming|yelling|saying|threatening) (?:he|she|they) will kill me\b|\boutside my (?:apartment|house|door|room) with a (?:gun|knife)\b",
    ),
    (
        "harm_to_others",
        IMMINENT,
        r"\b(?:tomorrow|tonight|today)\b[^.]{0,30}\bwith (?:my |his |her )?(?:\w+ )?(?:rifle|gun|pistol|shotgun)\b|\bmaking (?:him|her|them) pay (?:tonight|today|tomorrow)\b|\bi know where (?:he|she|they) (?:parks|lives|works)\b[^.]{0,40}\b(?:knife|gun)\b",
    ),
    (
        "distress",
        CONCERN,
        r"\b(?:gambling|vaping|smoking|using)\b[^.]{0,15}\b(?:a lot|way more|more|again|every day)\b|\bwake and bake\b|\bi am not ok(?:ay)?\b|\bhold it together\b",
    ),
    (
        "distress",
        CONCERN,
        r"\b(?:have not|has not|do not) felt anything\b|\bi am a ghost\b|\bjust hollow\b|\bstopped laughing\b|\btalk to (?:nobody|no one)\b|\blost and alone\b",
    ),
    (
        "distress",
        CONCERN,
        r"\b(?:flashbacks|nightmares|panic attacks?)\b[^.]{0,30}\b(?:every (?:day|night)|worse|today|again|all the time)\b|\b(?:scared|anxious|on edge|terrified) all the time\b|\bjump at every (?:noise|sound)\b",
    ),
    (
        "distress",
        CONCERN,
        r"\b(?:cannot|can not) (?:get up|eat|focus|concentrate|function|leave the (?:house|apartment|flat))\b|\balways in bed\b|\bcheck the locks\b|\bcry at everything\b|\bkeep crying\b",
    ),
    (
        "distress",
        CONCERN,
        r"\bend of my rope\b|\bsame gr[ae]y nothing\b|\bfeel worse than (?:ever|before)\b|\b(?:have not|barely) left (?:my|the) (?:house|apartment|flat|room)\b|\b(?:slept|sleep) (?:more than |about )?\d+ (?:hrs|hours) a night\b",
    ),
    # Sixth widening: the misses of set 6 (a third helper's, never seen while writing the
    # rules before), as families of phrasings; that set is now part of risk_cases.csv.
    (
        "suicidal_thoughts",
        HIGH,
        r"\b(?:go to sleep|sleep) and (?:stay asleep|never wake)\b|\b(?:what if|pray|praying|hope|wish) i (?:just )?(?:did not|do not|will not|would not) wake up\b|\b(?:drinking|drink) until i (?:do not|never) wake up\b",
    ),
    (
        "suicidal_thoughts",
        HIGH,
        r"\bbetter off if i (?:was|were) not (?:here|around|alive)\b|\b(?:would|will) anyone (?:even )?notice if i (?:was|were) gone\b[^.?]{0,10}[?.]?[^.]{0,40}\bwant to go\b|\bmakes? me want to go\b",
    ),
    (
        "suicidal_thoughts",
        HIGH,
        r"\bwish (?:the|that) (?:\w+ )?(?:shooter|gunman|bomb|fire|car|bullet|storm|flood)\b[^.]{0,15}\b(?:had )?(?:gotten|got|taken|killed) me\b|\bhope i (?:get|got) hit by a (?:car|bus|train|truck)\b",
    ),
    (
        "suicidal_thoughts",
        HIGH,
        r"\b(?:thought of|idea of) not existing\b[^.]{0,40}\b(?:calms|comforts|helps|relief)\b|\b(?:think|thinking) about death (?:constantly|all the time|every day)\b[^.]{0,20}\bwant it\b|\bend(?:ing)? the pain (?:permanently|for good|forever)\b",
    ),
    (
        "suicidal_thoughts",
        HIGH,
        r"\b(?:make|making) it (?:all )?stop for good\b|\btaking the easy way out\b|\btake the easy way out\b|\bno reason to stick around\b|\bwant to be with (?:grandma|grandpa|mom|dad|him|her|them) again\b|\bwhy i have to stay here without\b",
    ),
    (
        "suicidal_thoughts",
        HIGH,
        r"\bstarted thinking about how i would do it\b|\bhow i would do it\b|\blet the car go off the road\b|\b(?:stopping|stop|skip|skipping) my (?:insulin|meds|medication|dialysis)\b[^.]{0,40}\b(?:whatever happens|let it|happen|die)\b",
    ),
    (
        "plan_or_means",
        HIGH,
        r"\b(?:mom's|dad's|my|the) (?:meds|pills|medication)\b[^.]{0,30}\b(?:thought about them|thinking about them|keep thinking)\b|\bwhich (?:bridges|buildings)\b[^.]{0,30}\b(?:suicide nets|no nets|barriers|roof access)\b|\bexactly which meds and how much\b|\bdoing the math\b",
    ),
    (
        "plan_or_means",
        HIGH,
        r"\b(?:bought|getting|get) (?:a|my|my old) (?:\w+ )?(?:gun|rifle|pistol)\b[^.]{0,40}\b(?:for later|too much|too bad|just in case|when things)\b|\bpicture the rope\b|\b(?:gave|give|giving) my (?:cat|dog|pets?) to\b[^.]{0,50}\b(?:not be around|anything happens|when i am gone|much longer)\b",
    ),
    (
        "plan_or_means",
        HIGH,
        r"\b(?:take care of|look after|take) my (?:dog|cat|kids|pets?)\b[^.]{0,20}\bif anything (?:happens|were to happen) to me\b|\bmight not be around (?:much )?(?:longer|for long)\b",
    ),
    (
        "self_harm",
        HIGH,
        r"\b(?:hitting|banging) my head (?:against|on) the (?:wall|floor)\b|\brelapsed (?:with|on) the (?:blade|razor)\b",
    ),
    (
        "harm_to_others",
        HIGH,
        r"\b(?:think|thinking) about killing (?:him|her|them)\b|\bfantasi[sz]e about (?:finding|hunting|getting)\b[^.]{0,40}\b(?:suffer|pay|hurt|kill)\b",
    ),
    (
        "plan_or_means",
        IMMINENT,
        r"\b(?:cut|cutting) (?:too )?deep\b[^.]{0,50}\b(?:blood|bleeding)\b|\b(?:took|swallowed) a fistful of\b|\bjust (?:drank|swallowed) (?:the )?(?:bleach|antifreeze|poison|drain cleaner)\b|\b(?:drank|swallowed) (?:the )?(?:bleach|antifreeze|poison)\b",
    ),
    (
        "plan_or_means",
        IMMINENT,
        r"\b(?:rope|cord|belt) (?:is )?(?:tied|around my neck)\b|\bcord around my neck\b|\bgas is on\b[^.]{0,30}\bwindows (?:are )?(?:shut|closed)\b|\bplastic bag and the tape\b|\b(?:car|engine)(?: is)? running in the (?:closed )?garage\b",
    ),
    (
        "plan_or_means",
        IMMINENT,
        r"\b(?:edge of the cliff|edge of the roof|top of the bridge)\b[^.]{0,40}\b(?:nobody|no one|goodbye|done)\b|\b(?:going to|heading to) the (?:bridge|cliff|tracks|roof)\b[^.]{0,30}\bnot coming back\b|\b(?:driving|drive) my (?:truck|car) into\b[^.]{0,40}\b(?:full speed|tomorrow|tonight|ready)\b",
    ),
    (
        "intent_or_timing",
        IMMINENT,
        r"\b(?:tonight|today) is the night\b|\bin an hour\b[^.]{0,40}\b(?:make it stop|do it|end it)\b|\b(?:enough|the) (?:heroin|pills|fentanyl)\b[^.]{0,20}\bnot wake up\b[^.]{0,30}\btonight\b|\bheading out to\b[^.]{0,30}\bto finish this\b|\bas soon as (?:my|the) \w+ leaves\b",
    ),
    (
        "immediate_danger",
        IMMINENT,
        r"\bthere is (?:shooting|a shooter|an active shooter|someone with a (?:gun|rifle))\b|\bsomeone with a (?:rifle|gun|knife) is\b|\bbroke into (?:my|the|our) (?:house|home|apartment)\b|\b(?:outside my window|at my window)\b[^.]{0,30}\bright now\b|\bbullets came through\b",
    ),
    (
        "immediate_danger",
        IMMINENT,
        r"\b(?:on (?:his|her|their) way|coming) with a (?:knife|gun)\b|\bjust choked me\b|\bfinish the job\b|\b(?:hitting|beating|choking) my (?:mom|dad|mother|sister|brother|wife)\b[^.]{0,20}\bright now\b|\bhe said i am next\b",
    ),
    (
        "immediate_danger",
        IMMINENT,
        r"\b(?:took|swallowed) a bunch of pills\b|\bwill not wake up\b[^.]{0,30}\b(?:blood|breathing)\b|\bchest pain\b[^.]{0,40}\b(?:numb|heart attack)\b|\bthere is blood everywhere\b",
    ),
    (
        "harm_to_others",
        IMMINENT,
        r"\bheading to (?:my abuser's|his|her|their) (?:house|place|work)\b[^.]{0,20}\bwith a\b|\bgoing to pay today\b",
    ),
    (
        "distress",
        CONCERN,
        r"\bstopped answering my phone\b|\bwant to be left alone in the dark\b|\bguilty that i survived\b|\bsurvivor's guilt\b|\beating me alive\b",
    ),
    (
        "distress",
        CONCERN,
        r"\bcannot make myself (?:go|leave)\b|\bsuch a burden on\b|\bchest feels tight all the time\b|\bsomething terrible is about to happen\b|\bcry every night\b|\bnobody understands? me\b",
    ),
    (
        "distress",
        CONCERN,
        r"\bhate who i have become\b|\bhave not talked to anyone\b|\btired of pretending\b|\bgoing through the motions\b|\bexhausted in a way\b|\bcalled out of work\b|\bsmell the smoke again\b|\bwake up with my heart pounding\b",
    ),
    (
        "distress",
        CONCERN,
        r"\bcompletely overwhelmed\b|\bfalling apart\b|\bfeel nothing\b|\bcannot cope\b|\bshower \w+ times a day\b|\bmore (?:of my \w+ )?(?:pills|painkillers) than prescribed\b|\bextra of my \w+ painkillers\b|\bpopping a couple extra\b",
    ),
    # Self-harm.
    (
        "self_harm",
        HIGH,
        r"\b(?:cut|cutting|burn|burning|hurt|hurting|harm|harming|hit|hitting|punish|punishing) "
        + _ME
        + r"\b|\bself[- ]?harm(?:ing)?\b|\brelapsed? (?:on|into) (?:cutting|self[- ]?harm)\b",
    ),
    # Distress: worth a gentle check-in, not an alert.
    (
        "distress",
        CONCERN,
        r"\bhopeless\b|\bworthless\b|\b(?:i am|feel like) a burden\b|\bwhat is the point\b|\bno point (?:anymore|in anything)\b",
    ),
    (
        "distress",
        CONCERN,
        r"\bcannot (?:take|do|handle) (?:it|this|any of this) (?:anymore|any longer)\b|\b(?:want to|wish i could) disappear\b|\bgive up on everything\b|\bgiving up\b",
    ),
    (
        "distress",
        CONCERN,
        r"\b(?:nobody|no one) (?:would (?:even )?(?:notice|care|miss me)|cares)\b|\bso (?:alone|empty)\b.{0,20}\b(?:cannot|anymore|forever)\b",
    ),
    (
        "distress",
        CONCERN,
        r"\b(?:drinking|using) (?:again|every night|to forget|so i do not feel)\b|\bhave not (?:eaten|slept) in (?:days|a week)\b",
    ),
)

_CONTRACTIONS = (
    (r"\bi'?m\b", "i am"),
    (r"\bcan'?t\b", "cannot"),
    (r"\bwon'?t\b", "will not"),
    (r"\bain'?t\b", "am not"),
    (r"\bgonna\b", "going to"),
    (r"\bwanna\b", "want to"),
    (r"\bi'?ve\b", "i have"),
    (r"\bi'?ll\b", "i will"),
    (r"\bi'?d\b", "i would"),
    (r"\b(\w+)n't\b", r"\1 not"),
    (r"\bdont\b", "do not"),
    (r"\bwhat'?s\b", "what is"),
    (r"\b(he|she|it|that|there)'s\b", r"\1 is"),
    (r"\b(have|has|had|does|did|is|are|was|were|could|would|should)nt\b", r"\1 not"),
    (r"\b(he|she|they)'ll\b", r"\1 will"),
    (r"\b(tonight|today|tomorrow)'s\b", r"\1 is"),
    (r"\bidk\b", "i do not know"),
    (r"\bkms\b", "kill myself"),
    (r"\bunalived? (?:myself|me)\b", "kill myself"),
    (r"\bunalive\b(?! \w+self)", "kill myself"),
    (r"\b(someone|somebody)'s\b", r"\1 is"),
)
_CONTRACTIONS_RE = tuple((re.compile(p), r) for p, r in _CONTRACTIONS)

# A negation just before a match sets it aside ("i am not going to kill myself").
# ("does not know i sit in the garage" negates nobody's act.)
_NEGATION = re.compile(
    r"\b(?:not|never|no way|no intention of|no plans? to)\b(?! knows?\b)(?:\W+\w+){0,2}\W*$"
)
# Someone else's words: the news, a film, another person reported.
_REPORTED = re.compile(
    r"\b(?:news|article|report|reporter|paper|movie|film|show|series|book|novel|song|lyrics?|"
    r"character|documentary|podcast|police|shooter|gunman|killer|he|she|they|his|her|someone|"
    r"therapist|doctor|counselor|nurse|psychiatrist|"
    r"somebody|people|a friend|my friend|my (?:brother|sister|son|daughter|mom|dad|husband|wife)"
    r"|the kid|a man|a woman|a survivor|survivors|the article)\b[^.]{0,40}\b(?:said|says|say|"
    r"wrote|writes|posted|told|tells|sang|sings|reported|screamed|shouted|yelled|kept saying|"
    r"used to say|asked)\b[^.]*$"
)
# Someone else's wish or intent ("my brother wants to die") is not the writer's.
_THIRD_PERSON = re.compile(
    r"\b(?:he|she|they|his|her|someone|somebody|the (?:shooter|gunman|killer)|my (?:friend|brother|"
    r"sister|son|daughter|mom|dad|husband|wife|partner))\b(?!'s\b)(?:\W+\w+){0,2}\W*$"
)  # (not "my dad's pistol": that is the writer's)
_PAST = re.compile(
    r"\b(?:that (?:day|night|morning|week|year|time)|back then|at the time|in the moment|"
    r"years? ago|months ago|when (?:it|the shooting|the attack|the bomb|the fire|he|she|they|"
    r"the gunman|the shooter|i was (?:younger|a kid|a teen|in high school))|during (?:the|that)|"
    r"after (?:the|that) (?:shooting|attack|day|night)|used to|for a long time after|"
    r"in (?:20\d\d|19\d\d)|i (?:thought|was sure|was certain|believed) (?:i|we) (?:was|were|would|"
    r"was going to|were going to) (?:die|be killed|not make it))\b"
)
_STILL_NOW = re.compile(
    r"\b(?:still|again|anymore|any more|now|today|tonight|lately|these days|right now|"
    r"this week|every day|every night|keeps? coming back)\b"
)
_PAST_VERB = re.compile(r"\b(?:wanted|tried|thought about|attempted|wished)\b")
_QUOTE = re.compile(r"[\"\u201c\u201d]([^\"\u201c\u201d]{1,300})[\"\u201c\u201d]")
_OWN_THOUGHT = re.compile(
    r"\b(?:i (?:keep |kept )?(?:think|thinking|tell myself|telling myself|say to myself|"
    r"hear myself)|my head (?:says|keeps saying)|a voice (?:says|saying))\W*$"
)
_CLAUSES = re.compile(r"[.!?;\n]+|\s(?:but|though|although|however)\s|,\s*(?:and )?so\s")


@dataclass(frozen=True)
class Rule:
    category: str
    level: str
    regex: re.Pattern


@dataclass(frozen=True)
class Assessment:
    level: str = NONE
    categories: tuple[str, ...] = ()
    # Why, for the counselor: category and level per match, never the person's words.
    reasons: tuple[str, ...] = field(default_factory=tuple)

    @property
    def escalates(self) -> bool:
        return _RANK[self.level] >= _RANK[HIGH]


def compile_rules(rows) -> tuple[Rule, ...]:
    """Rules from (category, level, pattern) rows; patterns that do not compile are skipped."""
    rules = []
    for category, level, pattern in rows:
        try:
            rules.append(Rule(category, level, re.compile(pattern, re.IGNORECASE)))
        except re.error:
            continue
    return tuple(rules)


DEFAULT_COMPILED = compile_rules(DEFAULT_RULES)


def normalise(text: str) -> str:
    text = (text or "").lower().replace("\u2019", "'").replace("\u2018", "'")
    for regex, replacement in _CONTRACTIONS_RE:
        text = regex.sub(replacement, text)
    return re.sub(r"[ \t]+", " ", text)


def _drop_others_quotes(text: str) -> str:
    """Remove quoted words unless they are the writer's own thoughts."""

    def replace(match: re.Match) -> str:
        before = text[max(0, match.start() - 40) : match.start()]
        if _OWN_THOUGHT.search(before):
            return " " + match.group(1) + " "
        return " . "

    return _QUOTE.sub(replace, text)


def clauses(text: str) -> list[str]:
    return [c.strip() for c in _CLAUSES.split(_drop_others_quotes(normalise(text))) if c.strip()]


def _match_level(rule: Rule, clause: str, match: re.Match) -> str | None:
    """The level this match counts for in its clause, or None when it is set aside."""
    before = clause[: match.start()]
    if _NEGATION.search(before):
        return None
    if _REPORTED.search(before):
        return None
    # Danger from someone else is about someone else by nature ("he is banging on the door").
    if rule.category != "immediate_danger" and _THIRD_PERSON.search(before):
        return None
    if rule.level == CONCERN:
        return CONCERN
    # Past trauma talk ("that day I thought I would die", "back then I wanted to die") is
    # not present risk, unless the clause says it is still so ("and lately again").
    is_past = bool(_PAST.search(clause)) or bool(_PAST_VERB.search(match.group(0)))
    if is_past and not _STILL_NOW.search(clause):
        return None
    return rule.level


def assess_text(text: str, rules: tuple[Rule, ...] = DEFAULT_COMPILED) -> Assessment:
    """Score `text` with `rules`. Pure: no database, no side effects."""
    level = NONE
    categories: list[str] = []
    reasons: list[str] = []
    for clause in clauses(text):
        for rule in rules:
            for match in rule.regex.finditer(clause):
                found = _match_level(rule, clause, match)
                if found is None:
                    continue
                if rule.category not in categories:
                    categories.append(rule.category)
                reason = f"{rule.category}:{found}"
                if reason not in reasons:
                    reasons.append(reason)
                if _RANK[found] > _RANK[level]:
                    level = found
                break
    return Assessment(level=level, categories=tuple(categories), reasons=tuple(reasons))


# Rules read from the database, kept a few seconds: scoring runs on every chat line and post.
# An edit in this process (admin) takes effect at once; in other processes within the TTL.
RULES_TTL_SECONDS = 10.0
_rules_cache: dict = {"loaded_at": 0.0, "rules": None, "rows": None}


def rules_forget() -> None:
    _rules_cache["rules"] = None


def current_rules() -> tuple[Rule, ...]:
    """The enabled rules admins keep in the database (the defaults when the table is empty)."""
    from crisis.models import RiskRule

    now = time.monotonic()
    if _rules_cache["rules"] is None or now - _rules_cache["loaded_at"] > RULES_TTL_SECONDS:
        rows = list(
            RiskRule.objects.filter(enabled=True).values_list("category", "level", "pattern")
        )
        if rows == _rules_cache.get("rows") and _rules_cache["rules"] is not None:
            rules = _rules_cache["rules"]  # unchanged: compiling them again costs a few ms
        elif not rows and not RiskRule.objects.exists():
            rules = DEFAULT_COMPILED
        else:
            rules = compile_rules(rows)
        _rules_cache.update(rules=rules, rows=rows, loaded_at=now)
    return _rules_cache["rules"]


def assess(text: str) -> Assessment:
    """Score `text` with the rules admins keep in the database."""
    return assess_text(text, current_rules())

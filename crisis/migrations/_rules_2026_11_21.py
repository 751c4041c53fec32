# ruff: noqa: E501
"""The default risk rules as they stood on 2026-11-21, frozen for migrations 0002, 0005 and
0007: a migration seeds what was true when it was written, not whatever the rules file says
today. (Django loads no migration from a module whose name starts with "_".)"""

RULES: tuple[tuple[str, str, str], ...] = (
    (
        "intent_or_timing",
        "imminent",
        "\\b(?:going to|will|about to|gonna|plan to|planning to|ready to) (?:end (?:it all|it|my life|everything|things)|kill (?:myself|my ?self)|take my (?:own )?life)\\b",
    ),
    (
        "intent_or_timing",
        "imminent",
        "\\b(?:end (?:it all|it|my life|everything|things)|kill (?:myself|my ?self)|take my (?:own )?life)\\b.{0,30}\\b(?:tonight|today|right now|now|this (?:morning|afternoon|evening|weekend)|tomorrow)\\b",
    ),
    (
        "intent_or_timing",
        "imminent",
        "\\b(?:this is|saying) (?:my )?(?:final )?goodbye\\b|\\bgoodbye (?:everyone|forever|all of you)\\b",
    ),
    ("intent_or_timing", "imminent", "\\bby the time (?:you|anyone) (?:read|reads|sees) this\\b"),
    (
        "intent_or_timing",
        "imminent",
        "\\b(?:wrote|written|writing|left) (?:my|a) (?:suicide |goodbye )?(?:note|letters?)\\b.{0,40}\\b(?:family|kids|mom|dad|everyone|goodbye)\\b|\\bsuicide note\\b",
    ),
    (
        "intent_or_timing",
        "imminent",
        "\\b(?:tonight|today) is the night\\b|\\bi am done\\b.{0,20}\\b(?:tonight|for good|forever)\\b",
    ),
    (
        "plan_or_means",
        "imminent",
        "\\b(?:have|got|holding|bought|loaded) (?:the |a |my )?(?:\\w+'s )?(?:gun|pills|rope|noose|razor|blade)\\b.{0,40}\\b(?:ready|loaded|in front of me|in my hand|next to me|and|to)\\b",
    ),
    (
        "plan_or_means",
        "imminent",
        "\\b(?:took|swallowed|taken|have taken) (?:a (?:bunch|lot|handful) of|all (?:of )?(?:my|the)|too many|\\d+) (?:of )?(?:my |the )?(?:pills|tablets|meds|medication|sleeping pills)\\b",
    ),
    (
        "plan_or_means",
        "imminent",
        "\\b(?:standing|sitting|i am) on (?:the |a )?(?:edge|ledge|bridge|roof|railing|tracks)\\b|\\b(?:going to|about to) jump\\b(?! (?:in|into|on|at|rope|for|up))",
    ),
    (
        "plan_or_means",
        "high",
        "\\bhow many (?:pills|tablets)\\b|\\b(?:ways|how) to (?:kill (?:myself|my ?self)|die|end it)\\b|\\bpainless(?:ly)? (?:way|death|die)\\b",
    ),
    (
        "plan_or_means",
        "high",
        "\\b(?:saving|stockpiling|hoarding) (?:up )?(?:my )?(?:pills|meds|medication)\\b|\\b(?:tie|tied|tying) a noose\\b|\\bbuy(?:ing)? a gun\\b.{0,30}\\b(?:for me|myself|end)\\b",
    ),
    (
        "immediate_danger",
        "imminent",
        "\\b(?:he|she|they|someone|somebody|a man|the shooter) (?:is|are) (?:outside|inside|here|in the house|breaking in)\\b",
    ),
    (
        "immediate_danger",
        "imminent",
        "\\b(?:he|she|they|someone) (?:is|are) (?:going to|gonna|trying to) (?:kill|shoot|hurt|stab) me\\b",
    ),
    (
        "immediate_danger",
        "imminent",
        "\\bi am (?:not safe|in danger) (?:right )?now\\b|\\bi am bleeding (?:a lot|badly|heavily)\\b|\\bcannot stop the bleeding\\b|\\bcut too deep\\b",
    ),
    (
        "harm_to_others",
        "imminent",
        "\\b(?:going to|will|about to|gonna|plan to|planning to) (?:kill|shoot|stab|hurt) (?:him|her|them|everyone|everybody|people|someone|those)\\b",
    ),
    (
        "harm_to_others",
        "high",
        "\\b(?:want to|wanna|fantasi[sz]e about|thinking about) (?:kill|killing|shoot|shooting|hurt|hurting) (?:him|her|them|everyone|everybody|people|someone)\\b",
    ),
    ("harm_to_others", "high", "\\bmake (?:them|him|her|everyone) pay\\b"),
    (
        "suicidal_thoughts",
        "high",
        "\\b(?:wants?|wanted|wish i could(?: just)?|just want)(?: to)? die\\b|\\bwant to be dead\\b|\\bwish i (?:was|were) dead\\b|\\bwish i (?:had|would have) died\\b",
    ),
    (
        "suicidal_thoughts",
        "high",
        "\\b(?:kill|killing) (?:myself|my ?self)\\b|\\bsuicid(?:e|al)\\b|\\btake my (?:own )?life\\b|\\bend(?:ing)? (?:it all|my life)\\b",
    ),
    (
        "suicidal_thoughts",
        "high",
        "\\b(?:do not|cannot|no longer|not sure i|not sure if i) want to (?:live|be alive|be here|exist|wake up|keep living)\\b|\\bnot want to wake up\\b",
    ),
    (
        "suicidal_thoughts",
        "high",
        "\\b(?:everyone|everybody|they|my (?:family|kids)|the world) (?:would be|is|are|will be) better off (?:without me|if i (?:was|were) gone|if i died)\\b|\\bbetter off dead\\b",
    ),
    (
        "suicidal_thoughts",
        "high",
        "\\bno (?:reason|point) (?:to|in) (?:live|living|go on|going on|staying alive)\\b|\\bcannot (?:go on|keep going) (?:like this|anymore|any longer)\\b",
    ),
    (
        "suicidal_thoughts",
        "high",
        "\\b(?:should have|should've) died\\b.{0,30}\\b(?:instead|too|with)\\b|\\bnot (?:be|being) (?:here|around) (?:anymore|much longer)\\b|\\bdisappear (?:forever|for good)\\b",
    ),
    (
        "suicidal_thoughts",
        "high",
        "\\b(?:done|finished) with (?:life|living|being alive)\\b|\\btired of (?:living|existing|being alive|life|being here)\\b",
    ),
    (
        "suicidal_thoughts",
        "high",
        "\\b(?:hope|wish|want)\\b.{0,20}\\b(?:not|never) wake up\\b|\\bsleep and never wake up\\b|\\b(?:rather|prefer to) be dead\\b",
    ),
    (
        "suicidal_thoughts",
        "high",
        "\\b(?:do not|cannot) see myself (?:being )?(?:alive|here|around)\\b",
    ),
    (
        "suicidal_thoughts",
        "high",
        "\\b(?:picture|picturing|imagine|imagining) (?:myself )?(?:jumping|hanging|shooting myself|overdosing|dying|dead)\\b",
    ),
    (
        "self_harm",
        "high",
        "\\b(?:scratching|scratched|carving|carved|cutting|burning|biting) (?:at )?my (?:arms?|wrists?|legs?|thighs?|skin)\\b",
    ),
    (
        "plan_or_means",
        "imminent",
        "\\b(?:counting|lined up|laid out|sorting) (?:the |my |all )?(?:pills|tablets)\\b|\\bpills are (?:on the table|in front of me|in my hand|ready)\\b",
    ),
    (
        "plan_or_means",
        "imminent",
        "\\bi am at the (?:bridge|edge|tracks|cliff|roof|ledge)\\b|\\b(?:took|swallowed) (?:everything|all of it|the whole (?:bottle|pack|box))\\b",
    ),
    (
        "intent_or_timing",
        "imminent",
        "\\b(?:going to|gonna) do it (?:tonight|today|now|right now)\\b|\\btell (?:my |them |everyone )?\\w* ?(?:i|that i) loved\\b",
    ),
    (
        "immediate_danger",
        "imminent",
        "\\b(?:a man|a guy|someone|somebody|a person|he|she|my ex) (?:with|has|is holding|is carrying) (?:a |the )?(?:gun|knife|weapon)\\b.{0,30}\\b(?:in my|in the|here|outside|house|room|kitchen)\\b|\\bthere is a (?:man|guy|person|someone) with a (?:gun|knife)\\b",
    ),
    (
        "immediate_danger",
        "imminent",
        "\\b(?:banging on|kicking in|breaking down|trying to break) (?:my |the )?door\\b|\\b(?:he|she|they) (?:will|is going to|are going to) (?:kill|hurt|shoot) me\\b",
    ),
    (
        "harm_to_others",
        "imminent",
        "\\b(?:make sure|making sure) (?:nobody|no one|none of them)\\b.{0,30}\\b(?:walks out|survives|gets out|lives)\\b",
    ),
    (
        "distress",
        "concern",
        "\\b(?:feel|feeling) (?:so |really |completely |all )?(?:empty|hollow)\\b|\\b(?:do not|cannot) see the point\\b",
    ),
    (
        "distress",
        "concern",
        "\\b(?:been isolating|not answering anyone|shutting everyone out)\\b|\\beveryone (?:is|seems) (?:tired|sick) of me\\b",
    ),
    (
        "suicidal_thoughts",
        "high",
        "\\b(?:i|part of me)\\b(?:(?!\\b(?:not|never)\\b)[^.,]){0,30}\\b(?:want|wanting|wish|wishing|hope|hoping|long|longing|would rather|ready|tempted)\\b(?: to)?(?:(?!\\b(?:not|never)\\b)[^.,]){0,20}\\b(?:die|be dead|not be (?:here|alive|around)|never wake up|stop (?:living|existing|breathing)|end (?:it|things|everything|my life))\\b",
    ),
    (
        "suicidal_thoughts",
        "high",
        "\\bdeath (?:would|will|might) be (?:a )?(?:relief|easier|better|a release)\\b|\\b(?:easy|easier|simpler) to just (?:stop|end it|go|give up|not be here)\\b",
    ),
    (
        "suicidal_thoughts",
        "high",
        "\\b(?:cannot|can not|do not think i can|not sure i can) keep myself safe\\b|\\b(?:a )?danger to myself\\b",
    ),
    (
        "suicidal_thoughts",
        "high",
        "\\bhow long (?:it would take|until|before) (?:anyone|someone|they|people) (?:to )?(?:would )?(?:find|notice|miss)(?:es|s)? me\\b",
    ),
    (
        "plan_or_means",
        "high",
        "\\b(?:who gets|giving away|gave away|given away|wrote down who gets) (?:all )?my (?:things|stuff|belongings|dog|cat)\\b",
    ),
    (
        "plan_or_means",
        "high",
        "\\bmy (?:razor|blade|pills|gun) (?:has been|is|keeps?) (?:calling|tempting|waiting)\\b",
    ),
    (
        "plan_or_means",
        "imminent",
        "\\b(?:the |my |a |his |dad's )?(?:gun|razor|blade|rope|noose|pills) (?:is|are) (?:in my (?:hand|lap|mouth)|next to me|ready|loaded|in front of me)\\b",
    ),
    (
        "plan_or_means",
        "imminent",
        "\\b(?:pills?|bottle|gun|razor|blade|rope)\\b[^.]{0,40}\\b(?:i am going to|going to|about to) (?:take|use|swallow|do) (?:them|it|all)\\b",
    ),
    (
        "plan_or_means",
        "imminent",
        "\\b(?:swallowed|took|taken|downed) (?:half|most|the rest|all) (?:of )?(?:the |my |a )?(?:bottle|pack|pills|meds)\\b",
    ),
    (
        "plan_or_means",
        "imminent",
        "\\bi am (?:at|on|parked at|standing at|up on) the (?:bridge|edge|overlook|cliff|tracks|roof|ledge|railing)\\b",
    ),
    (
        "intent_or_timing",
        "imminent",
        "\\bthis (?:will be|is) my (?:last|final) (?:post|message|words)\\b|\\bwill not be (?:here|alive|around) (?:tomorrow|by morning|much longer)\\b",
    ),
    (
        "immediate_danger",
        "imminent",
        "\\b(?:he|she|they|someone|somebody|a man|my ex) (?:is|are|has|have) (?:got )?(?:a |the )?(?:gun|knife|weapon)\\b[^.]{0,30}\\b(?:here|hallway|outside|inside|house|door|room|stairs)\\b",
    ),
    (
        "harm_to_others",
        "imminent",
        "\\bmake (?:them|him|her|everyone|those people) (?:all )?pay\\b[^.]{0,30}\\b(?:tonight|today|tomorrow|now)\\b",
    ),
    (
        "self_harm",
        "imminent",
        "\\b(?:cut|cutting) (?:too )?deep\\b[^.]{0,30}\\b(?:blood|bleeding)\\b|\\ba lot of blood\\b",
    ),
    (
        "distress",
        "concern",
        "\\b(?:drowning|a ghost in my own life)\\b|\\b(?:barely|cannot) get out of bed\\b|\\bso tired of everything\\b|\\bcannot remember the last time i felt\\b",
    ),
    (
        "suicidal_thoughts",
        "high",
        "\\b(?:want|wish|wanting|wishing|hope|ready) to (?:stop being alive|stop existing|not exist|cease to exist|be gone|not be alive|stop being here)\\b|\\b(?:i|just) (?:want|wish) (?:it|everything|this) (?:all )?(?:to )?(?:be over|would end|to end)\\b",
    ),
    (
        "suicidal_thoughts",
        "high",
        "\\b(?:being dead|death|dying|not existing|not being alive|not being here|never waking up)\\b (?:would be|would feel|is|seems|sounds|feels) (?:so much |a lot |way )?(?:better|easier|kinder|peaceful|like a relief|a relief|a mercy)\\b",
    ),
    (
        "suicidal_thoughts",
        "high",
        "\\bonly (?:way out|option left|escape)\\b[^.]{0,30}\\b(?:not exist|die|dying|death|dead|end it|kill|to not be here|disappear)\\b",
    ),
    (
        "suicidal_thoughts",
        "high",
        "\\bif i\\b[^.]{0,30}\\b(?:did not|never|would not|do not) wake up\\b[^.]{0,30}\\b(?:okay|ok|fine|good|relief|better|mind|at peace)\\b",
    ),
    (
        "suicidal_thoughts",
        "high",
        "\\b(?:will not|do not think i will) (?:make it|be here|be around|be alive) (?:to|until|for|through)\\b[^.]{0,40}\\bnot sure i (?:even )?want to\\b|\\b(?:will not|won't) be (?:a burden|around|here) (?:much|for) (?:longer|long)\\b",
    ),
    (
        "plan_or_means",
        "high",
        "\\bin case i am (?:not|no longer) (?:around|here|alive)\\b|\\bletters? to (?:each of )?(?:my|all my) (?:kids|children|family|wife|husband|parents|mom|dad|friends)\\b[^.]{0,40}\\b(?:in case|when i am gone|after i am gone|goodbye)\\b",
    ),
    (
        "plan_or_means",
        "high",
        "\\b(?:looked|looking|look) up (?:the )?(?:tallest|highest) (?:building|bridge|parking garage|point)\\b|\\b(?:looked up|looking up|googled|googling|searched) (?:how (?:high|tall|far down)|lethal doses?|how much (?:it|would) (?:take|kill))\\b",
    ),
    (
        "plan_or_means",
        "imminent",
        "\\b(?:i am |i have been )?(?:holding|have|got) (?:the |a |my |his |dad's )?(?:knife|gun|pills|rope|blade|razor|pistol) (?:right now|now|in my hand|to my (?:wrist|throat|head))\\b",
    ),
    (
        "plan_or_means",
        "imminent",
        "\\b(?:drank|took|swallowed|downed|finished) (?:the |a )?whole (?:bottle|pack|box)\\b|\\b(?:drank|took|swallowed)\\b[^.]{0,30}\\bwith (?:my |the |all (?:my|the) )?(?:pills|meds|tablets)\\b",
    ),
    (
        "plan_or_means",
        "imminent",
        "\\b(?:going to|about to|will|gonna) (?:drive|crash|steer|walk|jump|throw myself) (?:my car |the car )?(?:into|off|in front of|under) (?:the |a )?(?:river|lake|sea|ocean|tree|wall|bridge|train|traffic|truck|cliff|bus|overpass)\\b",
    ),
    (
        "intent_or_timing",
        "imminent",
        "\\bset (?:everything|it all|it|things) up\\b[^.]{0,40}\\b(?:it is time|tonight|ready)\\b|\\b(?:when|once|after|as soon as)\\b[^.]{0,40}\\b(?:leaves?|is gone|are gone|is asleep|are asleep|goes to (?:bed|sleep|work))\\b[^.]{0,30}\\b(?:going to|will) do it\\b",
    ),
    (
        "immediate_danger",
        "imminent",
        "\\b(?:he|she|they|someone|somebody|a man|my ex)\\b[^.]{0,20}\\b(?:broke|smashed|kicked|kicking|breaking)\\b[^.]{0,30}\\b(?:window|door)\\b[^.]{0,40}\\b(?:has|with|holding|got) (?:a |the )?(?:bat|gun|knife|weapon|hammer|crowbar|machete)\\b",
    ),
    (
        "immediate_danger",
        "imminent",
        "\\bthere is blood everywhere\\b|\\b(?:i am|i keep) (?:bleeding|losing blood)\\b[^.]{0,40}\\b(?:faint|dizzy|passing out|cannot stop)\\b|\\bblood\\b[^.]{0,30}\\bi (?:feel|am) (?:faint|dizzy|passing out)\\b",
    ),
    (
        "harm_to_others",
        "imminent",
        "\\b(?:going to|will|about to|plan to|planning to) (?:kill|shoot|stab|hurt) (?:the|those|all the) (?:people|ones|men|guys)\\b[^.]{0,60}\\b(?:tonight|today|tomorrow|now|know where)\\b",
    ),
    (
        "harm_to_others",
        "high",
        "\\bi know where (?:they|he|she) (?:live|lives|work|works)\\b[^.]{0,40}\\b(?:going|hurt|pay|kill)\\b|\\b(?:hurt|kill|shoot)\\b[^.]{0,40}\\bi know where (?:they|he|she) (?:live|lives)\\b",
    ),
    (
        "suicidal_thoughts",
        "high",
        "\\bcheck(?:ing)? out (?:for good|permanently|early|of life)\\b|\\b(?:go to sleep|sleep) (?:for good|forever)\\b|\\bnot be a (?:problem|burden) (?:anymore|any more|to anyone)\\b|\\bdisappear permanently\\b",
    ),
    (
        "suicidal_thoughts",
        "high",
        "\\bgo where (?:he|she|they) (?:is|are|went)\\b|\\b(?:want|ready|going|wanting) to (?:go )?join (?:him|her|them|my (?:son|daughter|wife|husband|mom|mother|dad|father|baby|kids|children|family|brother|sister|friend))\\b|\\b(?:want|ready|going) to (?:go )?(?:see|be with) (?:him|her|them|my (?:son|daughter|wife|husband|mom|dad|baby|kids|brother|sister)) again\\b[^.]{0,30}\\b(?:time|soon|ready|gone|where)\\b",
    ),
    (
        "suicidal_thoughts",
        "high",
        "\\b(?:do|doing) something (?:stupid |drastic |bad |permanent )?to myself\\b|\\bhow much longer i can (?:hold on|last|keep going)\\b[^.]{0,30}\\bmyself\\b",
    ),
    (
        "suicidal_thoughts",
        "high",
        "\\b(?:hope|hopes|hoping|wish|wishing|pray|praying)\\b[^.]{0,30}\\b(?:gets|hits|kills|takes|shoots) me\\b|\\blooks? like an accident\\b",
    ),
    (
        "suicidal_thoughts",
        "high",
        "\\b(?:tracks|bridge|edge|roof|ledge|train|overpass|cliff)\\b[^.]{0,40}\\bhow easy (?:it would be|to)\\b|\\bif i had (?:a |the )?(?:gun|pills|rope)\\b[^.]{0,40}\\b(?:used it|would|do it)\\b",
    ),
    (
        "self_harm",
        "high",
        "\\b(?:urge|urges|craving|tempted) to (?:cut|burn|self[- ]?harm|hurt myself)\\b|\\b(?:want|need|going) to (?:cut|burn) (?:again|myself)\\b",
    ),
    (
        "plan_or_means",
        "high",
        "\\b(?:thinking about|think about|thought about|want to|going to|tempted to|could just)\\b[^.]{0,15}\\b(?:take|taking|swallow|swallowing|downing|overdos\\w*)\\b[^.]{0,10}\\b(?:all|every one of|the whole|a whole)\\b[^.]{0,20}\\b(?:meds|pills|tablets|medication|bottle)\\b|\\ball (?:of )?(?:my|the) (?:meds|pills|tablets|medication) at once\\b",
    ),
    (
        "plan_or_means",
        "high",
        "\\bhow many (?:of )?(?:my |the |these )?(?:\\w+ )?(?:pills|tablets|meds)\\b|\\bhow much (?:\\w+ )?(?:it )?would (?:it )?take to\\b|\\b(?:reading|read|looking|looked|searching|researching|googling|googled) (?:up )?(?:about )?(?:ways|methods|how) to (?:do it|go|die|end it|kill)\\b|\\bways to do it\\b[^.]{0,30}\\b(?:hurt|painless|quick)\\b",
    ),
    (
        "plan_or_means",
        "high",
        "\\b(?:saving|stockpiling|hoarding|collecting) (?:up )?(?:my |all my |the )?(?:\\w+ )?(?:pills|meds|medication|tablets)\\b|\\b(?:tie|tying) (?:a|the) (?:noose|knot)\\b[^.]{0,20}\\b(?:practi[cs]e|for me|myself)\\b|\\bbuy(?:ing)? a gun\\b[^.]{0,30}\\bnot for (?:protection|hunting|safety)\\b",
    ),
    (
        "plan_or_means",
        "high",
        "\\b(?:gave|giving|given|give|started giving) (?:away )?(?:my|all my) (?:\\w+ ){1,4}[^.]{0,40}\\b(?:will not need|not need (?:it|them)|need to know why|in case|when i am gone)\\b|\\b(?:when|after|once) i am gone\\b(?! (?:for|on|to|away))|\\b(?:who gets|list of who gets) (?:what|my)\\b",
    ),
    (
        "plan_or_means",
        "high",
        "\\b(?:wrote|written|writing|left) (?:some |a few )?letters? to (?:each of )?my (?:kids|children|family|wife|husband|parents)\\b|\\bgoodbye (?:note|letter|message|video)s?\\b|\\bdeleted (?:all )?my (?:socials|accounts|social media)\\b[^.]{0,40}\\bgoodbye",
    ),
    (
        "suicidal_thoughts",
        "high",
        "\\b(?:picture|picturing|imagine|imagining|thinking about|think about|keep thinking about)\\b[^.]{0,15}\\b(?:crashing|driving|steering|swerving) (?:my |the )?car\\b[^.]{0,30}\\b(?:into|off|in front of)\\b",
    ),
    (
        "harm_to_others",
        "high",
        "\\bfantasi[sz](?:e|ing) about (?:burning|killing|hurting|shooting|stabbing|running over)\\b|\\b(?:want to|thinking about|think about) (?:hurt|hurting|kill|killing|shoot|shooting|stab|stabbing) (?:the|that|this) (?:guy|man|woman|people|person|boss|neighbou?r|coworker|ex)\\b",
    ),
    (
        "plan_or_means",
        "imminent",
        "\\b(?:took|swallowed|taken|downed|ate|popped)\\b[^.]{0,25}\\b(?:[1-9]\\d+|a bunch of|a handful of|a lot of|all (?:of )?(?:my|the|her|his))\\b[^.]{0,25}\\b(?:pills|tablets|meds|tylenol|advil|ibuprofen|paracetamol|acetaminophen|aspirin|oxy|oxycodone|xanax|benadryl|sleeping pills|insulin|percocet|vicodin|ambien|seroquel|lithium)\\b|\\bpills (?:are|have started) (?:kicking in|working)\\b",
    ),
    (
        "plan_or_means",
        "imminent",
        "\\bgarage\\b[^.]{0,30}\\b(?:car|engine) (?:running|on)\\b|\\b(?:car|engine) running\\b[^.]{0,20}\\bgarage\\b|\\bin the (?:tub|bath|bathtub)\\b[^.]{0,30}\\b(?:razor|blade|knife|pills)\\b|\\b(?:tied|made|have) (?:a|the) noose\\b",
    ),
    (
        "plan_or_means",
        "imminent",
        "\\bi am (?:at|on|by|standing on|sitting on|up on) (?:the |a )?(?:train |railway |railroad )?(?:bridge|edge|overlook|cliff|tracks|roof|ledge|railing|rooftop|platform)\\b|^on (?:the |a )?(?:roof|ledge|edge|bridge|tracks|railing)\\b",
    ),
    (
        "plan_or_means",
        "imminent",
        "\\b(?:going to|about to|will|gonna) (?:drive|crash|steer|swerve) (?:my car |the car )?(?:into|off|in front of) (?:the |a )?(?:\\w+ )?(?:traffic|truck|tree|wall|bridge|train|river|lake|bus|overpass)\\b|\\b(?:bought|got|have) (?:a |the )?(?:gun|pistol|rope|pills)\\b[^.]{0,40}\\b(?:it is happening|doing it) (?:tonight|today|tomorrow|this weekend|soon)\\b",
    ),
    (
        "immediate_danger",
        "imminent",
        "\\b(?:someone|somebody|he|she|they|a man|a guy|my ex)\\b[^.]{0,10}\\b(?:is |are )?(?:trying to (?:get|break) in(?:to)?|breaking in|broke in|getting in)\\b|\\b(?:someone|somebody|they|he|she) (?:is|are) (?:shooting|firing)\\b|\\bi am hiding (?:in|under|behind)\\b[^.]{0,40}\\b(?:shooting|shooter|gun|someone|he|him|they|them|door)\\b",
    ),
    (
        "immediate_danger",
        "imminent",
        "\\b(?:he|she|they|someone|my (?:ex|husband|wife|boyfriend|girlfriend|partner|dad|stepdad|mom|father))\\b (?:is|are) (?:hitting|beating|choking|strangling|attacking|stabbing|chasing) (?:me|us)\\b|\\b(?:is|are) (?:following|chasing|stalking) me\\b[^.]{0,30}\\b(?:right now|now|down the street|home)\\b",
    ),
    (
        "immediate_danger",
        "imminent",
        "\\b(?:smoke|fire|flames)\\b[^.]{0,40}\\b(?:cannot get out|trapped|can not get out)\\b|\\btrapped\\b[^.]{0,30}\\b(?:fire|smoke|water|rubble|car)\\b|\\b(?:my \\w+|he|she|someone|they) (?:is|are) (?:unconscious|not breathing|unresponsive|turning blue)\\b|\\bbarely breathing\\b",
    ),
    (
        "harm_to_others",
        "imminent",
        "\\b(?:tonight|today|tomorrow|now)\\b[^.]{0,40}\\bmake (?:them|him|her|everyone|those people) (?:all )?pay\\b|\\b(?:have|got|holding) (?:a |the |my )?(?:knife|gun|bat|pistol)\\b[^.]{0,40}\\bwaiting for (?:him|her|them)\\b|\\b(?:going to|gonna) (?:kill|shoot|stab|hurt) (?:my|the|that) \\w+\\b[^.]{0,40}\\b(?:tonight|today|tomorrow|when (?:he|she|they) (?:gets|get|comes|come))\\b",
    ),
    (
        "distress",
        "concern",
        "\\beverything (?:feels|is|seems) (?:so )?(?:heavy|gr[ae]y|pointless|meaningless|dark|empty)\\b|\\bnothing matters\\b|^numb\\b|\\b(?:i am|i feel|feel|feeling) (?:so |just |completely )?numb\\b",
    ),
    (
        "distress",
        "concern",
        "\\b(?:crying|cried) for (?:\\w+ )?(?:days|hours|weeks)\\b|\\b(?:cannot|can not) stop crying\\b|\\b(?:cannot|can not) stand being in my (?:own )?(?:head|skin|body)\\b|\\bdo not recogni[sz]e myself\\b|\\bhating myself\\b",
    ),
    (
        "distress",
        "concern",
        "\\bso (?:lonely|alone)\\b|\\bi am (?:so |all )?alone in this\\b|\\beveryone (?:has )?moved on (?:except|but) me\\b|\\b(?:pushing|push|pushed) (?:people|everyone|them) away\\b",
    ),
    (
        "distress",
        "concern",
        "\\bcannot keep (?:feeling|living|going on) like this\\b|\\bfeel(?:ing)? worse,? not better\\b|\\bso tired of being\\b|\\bexhausted (?:from|all the time|by)\\b|\\bon guard all the time\\b",
    ),
    (
        "distress",
        "concern",
        "\\b(?:have not|has not|barely) (?:slept|eaten|left the (?:house|apartment|flat|room|bed))\\b|\\b(?:slept|sleeping|sleep) (?:more than |about |maybe )?(?:two|three|2|3|\\d) hours? a night\\b|\\bstopped eating\\b|\\bfood (?:just )?tastes like nothing\\b",
    ),
    (
        "distress",
        "concern",
        "\\b(?:drinking|smoking|using|popping (?:my )?\\w+) (?:way |a lot |so much )?more\\b|\\bmore often than i should\\b|\\bsmoking a pack a day\\b|\\b(?:cancelled|canceled|cancelling) on (?:my )?friends\\b|\\b(?:lie|lay|lying) on the floor for hours\\b|\\bsnapping at (?:my )?(?:kids|children|partner|wife|husband)\\b",
    ),
    (
        "suicidal_thoughts",
        "high",
        "\\b(?:vanish|vanished|disappear|disappeared) (?:for good|forever|permanently)\\b|\\bif i (?:was|were) gone for good\\b|\\bwant the pain to stop (?:forever|for good|permanently)\\b|\\bknow (?:exactly )?how i would do it\\b",
    ),
    (
        "suicidal_thoughts",
        "high",
        "\\bwish (?:the|that) (?:fire|shooter|bullet|flood|crash|bomb|attack|water|storm|quake|virus|cancer)\\b[^.]{0,20}\\b(?:had )?(?:taken|killed|got) me\\b|\\b(?:mistake|wrong)\\b[^.]{0,15}\\bletting me (?:live|survive)\\b|\\bshould have (?:taken|killed) me\\b",
    ),
    (
        "suicidal_thoughts",
        "high",
        "\\b(?:walking|walk|walked|swim|swimming) (?:out )?into the (?:sea|ocean|lake|river|water|waves)\\b|\\bletting (?:it|the water|the sea|the waves) take me\\b",
    ),
    (
        "suicidal_thoughts",
        "high",
        "\\b(?:not sure|do not know) (?:if |whether )?i (?:even )?want to (?:be alive|live|be here|exist|keep going|keep living)\\b|\\b(?:not|do not think i am) meant to be (?:here|alive)\\b",
    ),
    (
        "suicidal_thoughts",
        "high",
        "\\b(?:be with|join|see)\\b[^.]{0,25}\\b(?:again,? )?wherever (?:she|he|they) (?:is|are)\\b|\\b(?:bus|train|road|exit|boat)\\b[^.]{0,30}\\bif you know what i mean\\b",
    ),
    (
        "suicidal_thoughts",
        "high",
        "\\b(?:will not|do not think i will|decided i will not) be (?:around|here|alive) (?:for|at|by|to see) (?:the |my |our )?(?:next|this|christmas|new year|anniversary|birthday|graduation|summer)\\b",
    ),
    (
        "suicidal_thoughts",
        "high",
        "\\blife insurance\\b[^.]{0,40}\\b(?:better|fine|without me)\\b|\\b(?:would|will) (?:be|have) (?:better|fine|easier)(?: off| lives?| life)? without me\\b|\\beasier life if i (?:was|were) not (?:in it|here|around)\\b",
    ),
    (
        "suicidal_thoughts",
        "high",
        "\\bone step and (?:it is )?(?:all )?over\\b|\\b(?:think|thinking|thought) about (?:just )?(?:turning|jerking|swerving|letting go of) the wheel\\b|\\b(?:driving|crashing|steering) (?:my car |the car )?into (?:a|the) (?:tree|wall|pole|truck|river|lake|median|bridge|barrier)\\b",
    ),
    (
        "suicidal_thoughts",
        "high",
        "\\btake matters into my own hands\\b|\\bnot fighting it\\b[^.]{0,30}\\b(?:anymore|this time|again)\\b",
    ),
    (
        "plan_or_means",
        "high",
        "\\b(?:will not|do not think i will) be needing (?:them|it|those)\\b|\\b(?:updated|wrote|made|writing|redid) (?:my|a) will\\b[^.]{0,60}\\bin case\\b|\\bjust a date that would make sense\\b|\\bthinking of a date\\b",
    ),
    (
        "plan_or_means",
        "high",
        "\\bpasswords written down\\b|\\b(?:want|wanted|making|make) (?:it|everything) (?:tidy|sorted|easy) for (?:her|him|them|my)\\b|\\bbills paid ahead\\b|\\bgiving (?:my|all my) (?:stuff|things|belongings|clothes|books) away\\b",
    ),
    (
        "plan_or_means",
        "high",
        "\\blooked up which (?:tall )?(?:buildings|bridges|car parks|garages)\\b|\\broof access\\b|\\bsit in the garage with the (?:car )?keys\\b",
    ),
    (
        "plan_or_means",
        "high",
        "\\b(?:hunting rifle|rifle|gun|pistol|shotgun)\\b[^.]{0,40}\\b(?:keep thinking about it|thinking about it|calling me|calling to me)\\b|\\b(?:pills|meds|tablets) (?:are )?(?:all )?saved up\\b|\\bpracti[cs]ed (?:tying|the knot|with the)\\b",
    ),
    (
        "plan_or_means",
        "high",
        "\\b(?:asked|asking) about the waiting period\\b|\\bhow many (?:of )?(?:my )?(?:\\w+ ){0,2}(?:pills|tylenol|insulin|pens|tablets|meds|advil|sleeping pills) it (?:would )?takes?\\b|\\b(?:which|what) (?:medications?|meds|pills) (?:are|is) (?:lethal|deadly|fatal)\\b|\\breading about (?:which|what) (?:medications?|pills|meds)\\b",
    ),
    (
        "plan_or_means",
        "high",
        "\\b(?:said|say|saying) (?:a )?(?:proper|my) goodbyes?\\b[^.]{0,40}\\b(?:no idea|what i meant|nobody|no one)\\b|\\bsaid goodbye properly\\b|\\bbought the rope\\b",
    ),
    (
        "self_harm",
        "high",
        "\\brelapsed and (?:cut|burned|burnt|hurt)\\b|\\b(?:cut|burned|burnt|scratched|punched|bit) myself\\b|\\bbang(?:ing)? my head (?:against|on) the (?:wall|floor)\\b[^.]{0,40}\\b(?:flashbacks?|until|bleed|bruise|getting worse|hurts)\\b",
    ),
    (
        "harm_to_others",
        "high",
        "\\b(?:thoughts about|thinking about|picture|picturing|imagining|imagine) (?:going back to (?:that|the) \\w+ with a (?:gun|rifle)|hurting|killing|smashing|shooting|stabbing|beating)\\b",
    ),
    (
        "plan_or_means",
        "imminent",
        "\\b(?:pistol|gun|rifle|shotgun|revolver|knife|razor|blade)\\b[^.]{0,15}\\bin my (?:lap|hand|mouth)\\b|\\b(?:knife|blade|razor) (?:against|to|on) my (?:wrist|throat|neck|arm)\\b|\\b(?:have|got|bought) the (?:gasoline|petrol)\\b[^.]{0,20}\\b(?:lighter|matches)\\b",
    ),
    (
        "plan_or_means",
        "imminent",
        "\\b(?:taking|going to take|will take)\\b[^.]{0,10}\\ball (?:of )?my \\w+\\b[^.]{0,40}\\b(?:tonight|today|after|decided)\\b|\\b(?:injected|shot up) all (?:of )?my\\b|\\btook (?:the|my|all (?:the|my)) (?:pills|meds|tablets)\\b[^.]{0,10}\\b(?:an hour|\\d+ (?:minutes|hours)|minutes|hours) ago\\b",
    ),
    (
        "plan_or_means",
        "imminent",
        "\\bwhen the (?:express|train|next train|bus) (?:passes|comes)\\b[^.]{0,30}\\bstep|\\bstepping (?:off|in front of) the (?:platform|train)\\b|\\bclimbing (?:over|onto) the (?:railing|ledge|edge|barrier|fence)\\b|\\bi am on (?:the |a |my )?balcony\\b[^.]{0,40}\\bjump\\b|\\bwant (?:to )?jump now\\b",
    ),
    (
        "plan_or_means",
        "imminent",
        "\\bwater is (?:at|up to) my (?:chest|neck|waist|chin)\\b|\\b(?:car|engine) is running\\b[^.]{0,30}\\bgarage\\b|\\bi am (?:driving|crashing|steering) (?:my car |the car )?(?:into|off) (?:the |a )?(?:\\w+ )?(?:river|lake|tree|wall|bridge|cliff|traffic)\\b[^.]{0,30}\\b(?:tonight|today|now)\\b",
    ),
    (
        "intent_or_timing",
        "imminent",
        "\\b(?:doing|do) it\\b[^.]{0,40}\\bwhile (?:the house is empty|everyone is (?:out|away|asleep)|no one is home|nobody is home)\\b|\\b(?:last message|will be gone by (?:sunrise|morning|dawn|tomorrow|tonight))\\b|\\b(?:catch|catching) the (?:last )?bus (?:tonight|today|now)\\b",
    ),
    (
        "immediate_danger",
        "imminent",
        "\\b(?:choking|strangling|beating|hitting) me\\b|\\b(?:has )?followed me for\\b[^.]{0,30}\\bstill\\b|\\bstill right behind me\\b|\\bheard (?:glass|the window|a window) break\\b|\\bsomeone is in (?:my|the) house\\b",
    ),
    (
        "immediate_danger",
        "imminent",
        "\\bswinging a (?:machete|knife|bat|axe|hammer)\\b|\\bhas a (?:knife|gun)\\b[^.]{0,20}\\b(?:screaming|yelling|saying|threatening)\\b|\\b(?:screaming|yelling|saying|threatening) (?:he|she|they) will kill me\\b|\\boutside my (?:apartment|house|door|room) with a (?:gun|knife)\\b",
    ),
    (
        "harm_to_others",
        "imminent",
        "\\b(?:tomorrow|tonight|today)\\b[^.]{0,30}\\bwith (?:my |his |her )?(?:\\w+ )?(?:rifle|gun|pistol|shotgun)\\b|\\bmaking (?:him|her|them) pay (?:tonight|today|tomorrow)\\b|\\bi know where (?:he|she|they) (?:parks|lives|works)\\b[^.]{0,40}\\b(?:knife|gun)\\b",
    ),
    (
        "distress",
        "concern",
        "\\b(?:gambling|vaping|smoking|using)\\b[^.]{0,15}\\b(?:a lot|way more|more|again|every day)\\b|\\bwake and bake\\b|\\bi am not ok(?:ay)?\\b|\\bhold it together\\b",
    ),
    (
        "distress",
        "concern",
        "\\b(?:have not|has not|do not) felt anything\\b|\\bi am a ghost\\b|\\bjust hollow\\b|\\bstopped laughing\\b|\\btalk to (?:nobody|no one)\\b|\\blost and alone\\b",
    ),
    (
        "distress",
        "concern",
        "\\b(?:flashbacks|nightmares|panic attacks?)\\b[^.]{0,30}\\b(?:every (?:day|night)|worse|today|again|all the time)\\b|\\b(?:scared|anxious|on edge|terrified) all the time\\b|\\bjump at every (?:noise|sound)\\b",
    ),
    (
        "distress",
        "concern",
        "\\b(?:cannot|can not) (?:get up|eat|focus|concentrate|function|leave the (?:house|apartment|flat))\\b|\\balways in bed\\b|\\bcheck the locks\\b|\\bcry at everything\\b|\\bkeep crying\\b",
    ),
    (
        "distress",
        "concern",
        "\\bend of my rope\\b|\\bsame gr[ae]y nothing\\b|\\bfeel worse than (?:ever|before)\\b|\\b(?:have not|barely) left (?:my|the) (?:house|apartment|flat|room)\\b|\\b(?:slept|sleep) (?:more than |about )?\\d+ (?:hrs|hours) a night\\b",
    ),
    (
        "suicidal_thoughts",
        "high",
        "\\b(?:go to sleep|sleep) and (?:stay asleep|never wake)\\b|\\b(?:what if|pray|praying|hope|wish) i (?:just )?(?:did not|do not|will not|would not) wake up\\b|\\b(?:drinking|drink) until i (?:do not|never) wake up\\b",
    ),
    (
        "suicidal_thoughts",
        "high",
        "\\bbetter off if i (?:was|were) not (?:here|around|alive)\\b|\\b(?:would|will) anyone (?:even )?notice if i (?:was|were) gone\\b[^.?]{0,10}[?.]?[^.]{0,40}\\bwant to go\\b|\\bmakes? me want to go\\b",
    ),
    (
        "suicidal_thoughts",
        "high",
        "\\bwish (?:the|that) (?:\\w+ )?(?:shooter|gunman|bomb|fire|car|bullet|storm|flood)\\b[^.]{0,15}\\b(?:had )?(?:gotten|got|taken|killed) me\\b|\\bhope i (?:get|got) hit by a (?:car|bus|train|truck)\\b",
    ),
    (
        "suicidal_thoughts",
        "high",
        "\\b(?:thought of|idea of) not existing\\b[^.]{0,40}\\b(?:calms|comforts|helps|relief)\\b|\\b(?:think|thinking) about death (?:constantly|all the time|every day)\\b[^.]{0,20}\\bwant it\\b|\\bend(?:ing)? the pain (?:permanently|for good|forever)\\b",
    ),
    (
        "suicidal_thoughts",
        "high",
        "\\b(?:make|making) it (?:all )?stop for good\\b|\\btaking the easy way out\\b|\\btake the easy way out\\b|\\bno reason to stick around\\b|\\bwant to be with (?:grandma|grandpa|mom|dad|him|her|them) again\\b|\\bwhy i have to stay here without\\b",
    ),
    (
        "suicidal_thoughts",
        "high",
        "\\bstarted thinking about how i would do it\\b|\\bhow i would do it\\b|\\blet the car go off the road\\b|\\b(?:stopping|stop|skip|skipping) my (?:insulin|meds|medication|dialysis)\\b[^.]{0,40}\\b(?:whatever happens|let it|happen|die)\\b",
    ),
    (
        "plan_or_means",
        "high",
        "\\b(?:mom's|dad's|my|the) (?:meds|pills|medication)\\b[^.]{0,30}\\b(?:thought about them|thinking about them|keep thinking)\\b|\\bwhich (?:bridges|buildings)\\b[^.]{0,30}\\b(?:suicide nets|no nets|barriers|roof access)\\b|\\bexactly which meds and how much\\b|\\bdoing the math\\b",
    ),
    (
        "plan_or_means",
        "high",
        "\\b(?:bought|getting|get) (?:a|my|my old) (?:\\w+ )?(?:gun|rifle|pistol)\\b[^.]{0,40}\\b(?:for later|too much|too bad|just in case|when things)\\b|\\bpicture the rope\\b|\\b(?:gave|give|giving) my (?:cat|dog|pets?) to\\b[^.]{0,50}\\b(?:not be around|anything happens|when i am gone|much longer)\\b",
    ),
    (
        "plan_or_means",
        "high",
        "\\b(?:take care of|look after|take) my (?:dog|cat|kids|pets?)\\b[^.]{0,20}\\bif anything (?:happens|were to happen) to me\\b|\\bmight not be around (?:much )?(?:longer|for long)\\b",
    ),
    (
        "self_harm",
        "high",
        "\\b(?:hitting|banging) my head (?:against|on) the (?:wall|floor)\\b|\\brelapsed (?:with|on) the (?:blade|razor)\\b",
    ),
    (
        "harm_to_others",
        "high",
        "\\b(?:think|thinking) about killing (?:him|her|them)\\b|\\bfantasi[sz]e about (?:finding|hunting|getting)\\b[^.]{0,40}\\b(?:suffer|pay|hurt|kill)\\b",
    ),
    (
        "plan_or_means",
        "imminent",
        "\\b(?:cut|cutting) (?:too )?deep\\b[^.]{0,50}\\b(?:blood|bleeding)\\b|\\b(?:took|swallowed) a fistful of\\b|\\bjust (?:drank|swallowed) (?:the )?(?:bleach|antifreeze|poison|drain cleaner)\\b|\\b(?:drank|swallowed) (?:the )?(?:bleach|antifreeze|poison)\\b",
    ),
    (
        "plan_or_means",
        "imminent",
        "\\b(?:rope|cord|belt) (?:is )?(?:tied|around my neck)\\b|\\bcord around my neck\\b|\\bgas is on\\b[^.]{0,30}\\bwindows (?:are )?(?:shut|closed)\\b|\\bplastic bag and the tape\\b|\\b(?:car|engine)(?: is)? running in the (?:closed )?garage\\b",
    ),
    (
        "plan_or_means",
        "imminent",
        "\\b(?:edge of the cliff|edge of the roof|top of the bridge)\\b[^.]{0,40}\\b(?:nobody|no one|goodbye|done)\\b|\\b(?:going to|heading to) the (?:bridge|cliff|tracks|roof)\\b[^.]{0,30}\\bnot coming back\\b|\\b(?:driving|drive) my (?:truck|car) into\\b[^.]{0,40}\\b(?:full speed|tomorrow|tonight|ready)\\b",
    ),
    (
        "intent_or_timing",
        "imminent",
        "\\b(?:tonight|today) is the night\\b|\\bin an hour\\b[^.]{0,40}\\b(?:make it stop|do it|end it)\\b|\\b(?:enough|the) (?:heroin|pills|fentanyl)\\b[^.]{0,20}\\bnot wake up\\b[^.]{0,30}\\btonight\\b|\\bheading out to\\b[^.]{0,30}\\bto finish this\\b|\\bas soon as (?:my|the) \\w+ leaves\\b",
    ),
    (
        "immediate_danger",
        "imminent",
        "\\bthere is (?:shooting|a shooter|an active shooter|someone with a (?:gun|rifle))\\b|\\bsomeone with a (?:rifle|gun|knife) is\\b|\\bbroke into (?:my|the|our) (?:house|home|apartment)\\b|\\b(?:outside my window|at my window)\\b[^.]{0,30}\\bright now\\b|\\bbullets came through\\b",
    ),
    (
        "immediate_danger",
        "imminent",
        "\\b(?:on (?:his|her|their) way|coming) with a (?:knife|gun)\\b|\\bjust choked me\\b|\\bfinish the job\\b|\\b(?:hitting|beating|choking) my (?:mom|dad|mother|sister|brother|wife)\\b[^.]{0,20}\\bright now\\b|\\bhe said i am next\\b",
    ),
    (
        "immediate_danger",
        "imminent",
        "\\b(?:took|swallowed) a bunch of pills\\b|\\bwill not wake up\\b[^.]{0,30}\\b(?:blood|breathing)\\b|\\bchest pain\\b[^.]{0,40}\\b(?:numb|heart attack)\\b|\\bthere is blood everywhere\\b",
    ),
    (
        "harm_to_others",
        "imminent",
        "\\bheading to (?:my abuser's|his|her|their) (?:house|place|work)\\b[^.]{0,20}\\bwith a\\b|\\bgoing to pay today\\b",
    ),
    (
        "distress",
        "concern",
        "\\bstopped answering my phone\\b|\\bwant to be left alone in the dark\\b|\\bguilty that i survived\\b|\\bsurvivor's guilt\\b|\\beating me alive\\b",
    ),
    (
        "distress",
        "concern",
        "\\bcannot make myself (?:go|leave)\\b|\\bsuch a burden on\\b|\\bchest feels tight all the time\\b|\\bsomething terrible is about to happen\\b|\\bcry every night\\b|\\bnobody understands? me\\b",
    ),
    (
        "distress",
        "concern",
        "\\bhate who i have become\\b|\\bhave not talked to anyone\\b|\\btired of pretending\\b|\\bgoing through the motions\\b|\\bexhausted in a way\\b|\\bcalled out of work\\b|\\bsmell the smoke again\\b|\\bwake up with my heart pounding\\b",
    ),
    (
        "distress",
        "concern",
        "\\bcompletely overwhelmed\\b|\\bfalling apart\\b|\\bfeel nothing\\b|\\bcannot cope\\b|\\bshower \\w+ times a day\\b|\\bmore (?:of my \\w+ )?(?:pills|painkillers) than prescribed\\b|\\bextra of my \\w+ painkillers\\b|\\bpopping a couple extra\\b",
    ),
    (
        "self_harm",
        "high",
        "\\b(?:cut|cutting|burn|burning|hurt|hurting|harm|harming|hit|hitting|punish|punishing) (?:myself|my ?self)\\b|\\bself[- ]?harm(?:ing)?\\b|\\brelapsed? (?:on|into) (?:cutting|self[- ]?harm)\\b",
    ),
    (
        "distress",
        "concern",
        "\\bhopeless\\b|\\bworthless\\b|\\b(?:i am|feel like) a burden\\b|\\bwhat is the point\\b|\\bno point (?:anymore|in anything)\\b",
    ),
    (
        "distress",
        "concern",
        "\\bcannot (?:take|do|handle) (?:it|this|any of this) (?:anymore|any longer)\\b|\\b(?:want to|wish i could) disappear\\b|\\bgive up on everything\\b|\\bgiving up\\b",
    ),
    (
        "distress",
        "concern",
        "\\b(?:nobody|no one) (?:would (?:even )?(?:notice|care|miss me)|cares)\\b|\\bso (?:alone|empty)\\b.{0,20}\\b(?:cannot|anymore|forever)\\b",
    ),
    (
        "distress",
        "concern",
        "\\b(?:drinking|using) (?:again|every night|to forget|so i do not feel)\\b|\\bhave not (?:eaten|slept) in (?:days|a week)\\b",
    ),
)

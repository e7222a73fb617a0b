"""The words that sit around people's names in news text, in one place.

People extraction (archive.ingest.people), quote speakers (archive.compare.quotes), credit lines
(archive.ingest.parsing) and outlet detection (archive.ingest.sources) all read these lists; a word
added here is known to all of them. Every list is a general class of words (offices, roles,
nationalities, the shapes of organisation names), never the name of a particular site or outlet.
All words are lower case; Latin-script ones ASCII, as `archive.ingest.namekeys.plain` spells them.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Honorifics only people carry: "Mr Okafor" is a person even when the model says GPE. (Offices are
# weaker: "General Motors" has one.) They count only when capitalised: "will miss Canada's opener".
HONORIFICS = _words("mr mrs ms miss mx dr sir dame madame mme")

# Titles written as abbreviations with a dot ("Mr.", "Gen."): such a dot does not end a sentence.
ABBREVIATED_TITLES = ("mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "col", "maj", "capt", "lt")
# Titles that, standing right before a name, show it is a person's ("Mr Kerry", "President Assad").
PERSONAL_TITLES = HONORIFICS | _words(
    """prof professor lord lady rev reverend sheikh sheik shaikh imam ayatollah rabbi president
    premier minister secretary chancellor senator sen rep congressman congresswoman governor gov
    mayor ambassador envoy king queen prince princess emir pope cardinal bishop archbishop judge
    justice spokesman spokeswoman gen general col colonel maj major capt captain lt lieutenant sgt
    sergeant cmdr commander adm admiral marshal brigadier secretary-general ceo chairman chairwoman
    mp mep"""
)
# Words that, right before a capitalised run, show it names a person: offices and honorifics in the
# languages Parallax meets most, lower case (Latin-script ones folded by `plain`). English ones are
# PERSONAL_TITLES.
FOREIGN_TITLES = _words(
    """
    министр глава президент премьер премьер-министр госсекретарь секретарь посол спикер генсек
    генеральный представитель председатель канцлер лидер король принц помощник советник депутат
    сенатор губернатор мэр директор господин госпожа коллега міністр голова президента прем'єр
    речник посол υπουργός πρόεδρος πρωθυπουργός κύριος κυρία εκπρόσωπος υπουργού προέδρου ministre
    president presidente chef secretaire porte-parole ambassadeur chancelier premier monsieur madame
    minister aussenminister ausenminister bundeskanzler kanzler sprecher botschafter ministro
    canciller portavoz embajador senor senora herr frau me maitre burgermeister burgermeisterin
    kanzlerin prof professor professeur
    """
)

# Words stripped from the front of a name: honorifics, offices and the words that join them
# ("Secretary of State John Kerry", "Russian Deputy Foreign Minister Gennady Gatilov").
TITLE_WORDS = PERSONAL_TITLES | _words(
    """fr father vice prime deputy foreign interior defence defense finance trade economy justice
    health education energy labour labor home state of the representative special crown chief
    field us u.s. un uk eu former acting opposition grand cfo coo"""
)

# Lower-case role nouns that, right before a name, make it a person even when the name is one word
# or the model calls it an organisation: "striker Neymar", "goalkeeper Ederson", "coach Ancelotti".
ROLE_WORDS = _words(
    """striker forward midfielder defender goalkeeper keeper winger fullback full-back centre-back
    playmaker captain skipper coach boss trainer referee umpire teammate team-mate player rider
    cyclist runner sprinter swimmer boxer fighter wrestler golfer jockey skier batsman bowler
    pitcher quarterback rookie debutant compatriot countryman countrywoman fellow singer rapper
    actor actress novelist poet composer musician comedian presenter journalist photographer
    lawyer attorney prosecutor barrister solicitor economist analyst strategist scientist
    researcher doctor surgeon nurse activist campaigner dissident co-founder entrepreneur
    billionaire spokesperson lawmaker legislator councillor councilor diplomat negotiator mediator
    detective inspector sheriff businessman businesswoman tycoon magnate heiress widow widower
    wife husband organiser organizer protester protestor demonstrator volunteer resident witness
    survivor farmer fisherman engineer architect"""
)

# Role nouns that, a few words before ", Name", make Name a person by apposition ("the United
# States secretary of state, John Kerry,").
APPOSITION_ROLES = (
    PERSONAL_TITLES
    | ROLE_WORDS
    | _words(
        """leader head chief chair director official representative president editor correspondent
    manager founder executive candidate commissioner officer commander author writer artist
    designer director producer teacher professor son daughter brother sister mother father"""
    )
)

# Nationality and regional adjectives: before a name they are a description, not part of it
# ("Chilean Tomas Ruiz", "fellow Victorian Anna Kerr"), and before an office part of the title.
DEMONYMS = _words(
    """afghan albanian algerian american andorran angolan argentine argentinian armenian australian
    austrian azerbaijani azeri bahraini bangladeshi barbadian belarusian belgian belizean beninese
    bhutanese bolivian bosnian botswanan brazilian british briton bruneian bulgarian burkinabe
    burmese burundian cambodian cameroonian canadian chadian chilean chinese colombian
    congolese croatian cuban cypriot czech danish djiboutian dominican dutch ecuadorian
    egyptian emirati english eritrean estonian ethiopian fijian filipino finnish french gabonese
    gambian georgian german ghanaian greek grenadian guatemalan guinean guyanese haitian honduran
    hungarian icelandic indian indonesian iranian iraqi irish israeli italian ivorian jamaican
    japanese jordanian kazakh kenyan korean kosovar kuwaiti kyrgyz lao laotian latvian lebanese
    liberian libyan lithuanian luxembourgish macedonian malagasy malawian malaysian maldivian
    malian maltese mauritanian mauritian mexican moldovan monegasque mongolian montenegrin
    moroccan mozambican namibian nepalese nepali nicaraguan nigerian nigerien norwegian omani
    pakistani palestinian panamanian paraguayan peruvian polish portuguese qatari romanian russian
    rwandan salvadoran samoan saudi scottish senegalese serbian singaporean slovak
    slovakian slovenian somali spanish sudanese surinamese swazi swedish swiss syrian
    taiwanese tajik tanzanian thai togolese tongan trinidadian tunisian turkish turkmen ugandan
    ukrainian uruguayan uzbek venezuelan vietnamese welsh yemeni zambian zimbabwean
    european african asian arab latin nordic scandinavian balkan caribbean kurdish basque catalan
    flemish walloon bavarian corsican sicilian sardinian tuscan breton cornish yorkshireman
    victorian queenslander tasmanian texan californian floridian ontarian quebecer
    albertan"""
)

# Lower-case words allowed inside a name.
NAME_PARTICLES = _words(
    """al el ul ad an ar as ash at az bin ibn bint abu abd de da di du del della der den van von la le
    dos das ter ten y d l"""
)
# Particles that open a surname written in running text ("al-Assad", "de Mistura", "von Trapp"):
# the ones a speaker pattern lets stand before a capitalised word.
SURNAME_PARTICLES = ("al", "el", "de", "da", "van", "von", "bin", "ibn")
# "By" opening a byline in other languages (German, French, Spanish and Portuguese, Dutch, Swedish and
# Norwegian, Danish): "Von Anna Beispiel". Read only before capitalised names, so "von der Leyen" stays.
BYLINE_WORDS = ("von", "par", "por", "door", "av", "af")
# Arabic articles dropped from matching keys ("al-Assad", "Al Assad", "el-Sisi" -> "assad", "sisi").
ARABIC_ARTICLES = frozenset({"al", "el", "ul"})

# Last words that head organisation, event, club, company and place names, never a surname in
# news text ("Red Cross", "Manchester United", "Credit Suisse", "Acme Holdings").
ORG_TAIL_WORDS = _words(
    """cross crescent times post news press journal herald tribune gazette telegraph daily weekly
    review magazine agency radio television tv network coalition council committee commission party
    ministry office department union league nations front army forces brigade brigades group
    movement bank banks fund university institute college school hospital company corporation corp
    inc ltd llc plc gmbh ag sa nv bv spa foundation association organisation organization court
    parliament assembly congress senate government administration conference summit talks accord
    agreement convention declaration airport street square avenue road city province district
    region river lake mountains island islands state republic kingdom emirates united fc afc cf sc
    rovers wanderers albion athletic hotspur rangers county town olympic olympique holdings capital
    partners securities investments ventures motors airlines airways energy oil gas petroleum
    pharma pharmaceuticals telecom telecoms systems technologies technology labs industries
    international insurance trust stadium arena club suisse deutschland france italia espana"""
)
# First words that open club, company and place names, never a given name: "Real Betis", "Credit
# Suisse", "Atletico Madrid", "Inter Milan", "Banco Santander", "Santa Marta", "Sankt Gallen".
ORG_LEAD_WORDS = _words(
    """real atletico athletic sporting dynamo dinamo inter internazionale olympique fc ac as sc afc
    cf club credit banco banca banque deutsche borussia racing deportivo union standard royal
    national united hapoel maccabi san santa santo sao saint sainte sankt sierra"""
)

# Russian closed-class words, as written (the other lists are ASCII, as `plain` spells them): with no
# articles, all of them stand where ARTICLES stand in other languages, and they are its FUNCTION_WORDS.
_RUSSIAN_FUNCTION_WORDS = _words(
    """и в во на с со к ко по о об от до из за у для при без над под про как так когда где что
    кто чтобы если но а или же ли не ни это этот эта эти тот та те его её ее их он она они мы вы
    я ты все всё уже еще ещё также тоже вот вчера сегодня теперь тогда после перед между через"""
)

# Articles and the prepositions they are contracted with: a capitalised run right after one names a
# thing, not a person ("eine Art Schock", "die Linie Hamburg-Bielefeld", "al Magdalena Medio"),
# unless it opens with a title ("der Kanzler Olaf Scholz"). Not Portuguese, whose news puts an
# article before a name ("o Neymar").
ARTICLES = {
    "de": _words("der die das den dem des ein eine einer eines einem einen im am zum zur vom beim ins"),
    "fr": _words("le la les l un une des du au aux"),
    "es": _words("el la los las un una unos unas al del"),
    "it": _words(
        """il lo la i gli le un uno una al allo alla ai agli alle del dello della dei degli delle nel
        nello nella nei negli nelle sul sulla dal dalla"""
    ),
    "ru": _RUSSIAN_FUNCTION_WORDS,
    "nl": _words("de het een"),
}

# Closed-class words (articles, determiners, pronouns, prepositions, conjunctions, the adverbs that
# open sentences) of the languages whose names the capitalised-name rules read. Capitalised, they
# open a sentence or a title ("Le Monde", "In Bremen", "Wenn Sie", "Les Français"), never a
# person's name, though the census lists some as given names ("Le", "In", "Von"). By ISO 639-1 code;
# words a language shares with common given names are left out ("ed", "mia", "al" in Dutch).
FUNCTION_WORDS = {
    "de": _words(
        """der die das den dem des ein eine einer eines einem einen im in ins am an auf aus bei beim mit
        nach von vom zu zum zur fur uber unter vor hinter neben zwischen durch gegen ohne um seit bis
        als wenn wann wie wo was wer warum weil dass ob und oder aber doch denn so auch noch nur schon
        dann da dort hier heute jetzt nun immer nie ich du er sie es wir ihr sein seine mein meine
        unser unsere dieser diese dieses jeder jede alle solange wahrend nachdem bevor obwohl trotz
        wegen laut kein keine man"""
    ),
    "fr": _words(
        """le la les l un une des du de d au aux ce cet cette ces mon ma mes ton ta tes son sa ses notre
        nos votre vos leur leurs en dans sur sous avec sans pour par chez vers entre depuis pendant
        avant apres selon contre et ou mais donc car ni que qui quand comme si il elle ils elles on
        nous vous je tu y lors alors puis ainsi"""
    ),
    "es": _words(
        """el la los las lo un una unos unas al del de en con sin por para sobre entre desde hasta hacia
        segun tras ante bajo y e o u pero mas que quien cuando como donde si este esta estos estas ese
        esa esos esas aquel su sus mi mis tu nuestro nuestra yo ella ellos ellas nosotros usted tambien
        ya aunque pues"""
    ),
    "it": _words(
        """il lo la i gli le un uno una l del dello della dei degli delle al allo alla ai agli alle dal
        dalla dai nel nello nella nei negli nelle sul sulla sui di da in con su per tra fra e o ma che
        chi quando come dove se questo questa questi queste quel quella suo sua suoi sue io lui lei noi
        voi loro anche non gia poi"""
    ),
    "pt": _words(
        """o a os as um uma uns umas do da dos das no na nos nas ao aos pelo pela pelos pelas de em com
        sem por para sobre entre desde ate apos e ou mas que quem quando como onde se este esta estes
        estas esse essa isso aquele seu sua seus suas meu minha eu ele ela eles elas voce tambem ja"""
    ),
    "ru": _RUSSIAN_FUNCTION_WORDS,
    "nl": _words(
        """de het een den der des van in op aan met voor bij uit naar over onder tegen tussen door
        zonder om tot sinds en of maar dat die dit deze wie wat waar wanneer als toen omdat hoe ik jij
        hij zij wij jullie ze ons onze zijn haar hun ook nog"""
    ),
}

# News agencies: a credit naming one names a wire service, not the outlet that published a page.
# Lower-case name -> how a page shows it ("agence france-presse" -> "AFP").
AGENCIES = {
    "reuters": "Reuters", "agence france-presse": "AFP", "agence france presse": "AFP", "afp": "AFP",
    "associated press": "AP", "ap": "AP", "xinhua": "Xinhua", "tass": "TASS", "itar-tass": "TASS",
    "interfax": "Interfax", "ria novosti": "RIA Novosti", "bloomberg": "Bloomberg", "dpa": "dpa",
    "efe": "EFE", "ansa": "ANSA", "upi": "UPI", "pa": "PA", "ips": "IPS", "anadolu": "Anadolu",
}  # fmt: skip
AGENCY_NAMES = tuple(AGENCIES)

# Phrases that open a credit for content another publisher supplied ("© Provided by Example News"): what
# follows names the original, never the site that republished it.
CREDIT_PHRASES = (
    "provided by", "courtesy of", "supplied by", "distributed by", "syndicated by", "republished from",
    "originally published", "reprinted from", "reprinted with permission", "bereitgestellt von",
    "mit freundlicher genehmigung", "fourni par", "avec l'aimable autorisation", "cortesía de",
    "proporcionado por", "per gentile concessione",
)  # fmt: skip

# Words of a credit line that stand for staff or wires rather than an outlet ("and Agencies").
CREDIT_WORDS = (
    "agencies", "agency", "wires", "wire", "staff", "correspondents", "correspondent", "reporters",
    "reporter", "writers",
)  # fmt: skip

# Verbs that attribute a quotation to its speaker, by ISO 639-1 code ('"…," Kerry said', '«…», —
# заявил Лавров'). Russian past tenses are listed in the masculine; `_past_forms` adds the feminine
# and plural ("заявила", "заявили"); the present tense is listed as written.
_RUSSIAN_PAST = """заявил сказал отметил подчеркнул добавил сообщил пояснил уточнил рассказал
    проинформировал написал признал ответил объяснил предупредил напомнил заметил указал
    констатировал заключил резюмировал призвал заверил посетовал отрезал возразил продолжил
    подытожил"""


def _past_forms(text: str) -> frozenset[str]:
    return frozenset(form for verb in text.split() for form in (verb, verb + "а", verb + "и"))


SPEECH_VERBS = {
    "en": _words(
        """said says told tells added adds asked insisted stressed noted warned explained declared
        continued replied wrote tweeted announced acknowledged argued claimed conceded recalled urged
        concluded"""
    ),
    "ru": _past_forms(_RUSSIAN_PAST)
    | _words("говорит заявляет считает отмечает подчеркивает подчёркивает уверен уверена полагает"),
}
# Pronouns that stand for the speaker named before ("he said", "— сказал он").
SPEAKER_PRONOUNS = {"en": _words("he she"), "ru": _words("он она")}

"""Function words of English and French: counts, determiners, pronouns, clause links.

Content words (subjects, actions, places, camera, style...) live in the catalog
(`plan/data/*.toml`); this module holds only the grammar the parser needs to put them
together. Phrases are written as `text.tokenize` sees them ("a pair of", "l un d eux").
"""

from __future__ import annotations

COUNTS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "single": 1, "un": 1, "une": 1, "seul": 1, "seule": 1,
    "du": 1, "de la": 1, "de l": 1, "some": 3,
    "two": 2, "deux": 2, "a pair of": 2, "a couple of": 2, "une paire de": 2,
    "une paire d": 2, "three": 3, "trois": 3, "four": 4, "quatre": 4, "five": 5, "cinq": 5,
    "six": 6, "seven": 7, "sept": 7, "eight": 8, "huit": 8, "nine": 9, "neuf": 9,
    "ten": 10, "dix": 10, "eleven": 11, "onze": 11, "twelve": 12, "douze": 12,
    "fifteen": 15, "quinze": 15, "twenty": 20, "vingt": 20,
    "a dozen": 12, "a dozen of": 12, "une douzaine de": 12, "une douzaine d": 12,
    "several": 3, "a few": 3, "few": 3, "des": 3, "quelques": 3, "plusieurs": 3,
}
MAX_PHRASE = 5  # longest phrase, in tokens, of the catalog and of these tables
PLURAL_DEFAULT_COUNT = 3  # "balls bouncing": more than one, fewer than a crowd
MAX_COUNT = 24  # the physics stays real-time and the frame stays readable up to here

# Words that point back at a subject already named ("the ball" in shot 2 is the same ball).
DEFINITE = {"the", "le", "la", "les", "l", "this", "that", "these", "those", "ce", "cet",
            "cette", "ces", "his", "her", "their", "its", "my", "our", "your", "son", "sa",
            "ses", "leur", "leurs", "mon", "ma", "mes", "ton", "ta", "tes", "notre", "nos"}

# Pronouns standing for an earlier subject: the gender they ask for (None: any), plural.
PRONOUNS: dict[str, tuple[str | None, bool]] = {
    "he": ("male", False), "him": ("male", False), "she": ("female", False),
    "her": ("female", False), "it": (None, False), "they": (None, True),
    "them": (None, True), "il": ("male", False), "elle": ("female", False),
    "ils": (None, True), "elles": (None, True), "eux": (None, True), "lui": (None, False),
}
# The user in person, who appears as their cameo: a person.
SELF_WORDS = {"me", "myself", "i", "je", "moi", "j", "my cameo", "mon caméo", "mon cameo"}

# Verbs that introduce quoted speech: they give dialogue lines, not actions.
SPEECH_VERBS = {
    "says", "said", "say", "asks", "asked", "ask", "shouts", "shouted", "shout", "whispers",
    "whispered", "whisper", "replies", "replied", "reply", "answers", "answered", "answer",
    "yells", "yelled", "exclaims", "exclaimed", "tells", "told", "adds", "added", "calls",
    "dit", "demande", "crie", "murmure", "répond", "chuchote", "hurle", "ajoute",
    "s exclame", "lance", "disent", "répondent", "crient",
}
# Verbs of doing that carry a named action ("doing a pirouette", "fait des pirouettes").
DO_VERBS = {"doing", "does", "do", "did", "performing", "performs", "making", "makes",
            "fait", "font", "faisant", "exécute", "exécutant", "exécutent", "effectue",
            "effectuant"}
# Words after which a verb belongs to the noun just before ("un chiot qui court").
RELATIVES = {"qui", "who", "that", "which"}
# Words that open a new clause: the nouns after them are new agents, not objects.
CLAUSE_BREAKS = {"while", "where", "when", "as", "whereas", "où", "pendant", "tandis",
                 "lorsque", "quand", "alors", "then", "puis", "ensuite", "meanwhile"}
AND_WORDS = {"and", "et"}
# "en train de" marks an action in progress; the infinitive after it is the verb.
PROGRESSIVE = {"en train de", "en train d", "in the middle of", "about to"}
# Relation words after which a piece of clothing is worn ("in tuxedos", "en smoking").
WEARING = {"in", "en", "with", "avec", "wearing", "dressed in", "vêtu de", "vêtue de",
           "vêtus de", "vêtues de", "habillé en", "habillée en", "habillés en", "habillées en"}

# Words after which a thing that is also a place ("bridge", "pont") is where the shot happens:
# "a cat on a bridge" stands there, "a bus crossing a bridge" acts on the thing.
ON_PLACE = {"on", "onto", "in", "at", "under", "sur", "sous", "dans", "au"}

# Nouns that are far more often verbs: a subject only after a determiner ("a ball can roll").
NOUN_AFTER_DETERMINER = {"can", "die", "cans"}

# Words next to a genre name that make it music ("rock music", "musique rock").
MUSIC_WORDS = {"music", "musique", "song", "songs", "chanson", "band", "groupe", "concert",
               "soundtrack", "tune"}

# Floors named by their material ("parquet" is wood, "carrelage" is tile).
PLACE_GROUND = {"parquet": "wood", "plancher": "wood", "carrelage": "tile", "grass": "grass",
                "lawn": "grass", "pelouse": "grass", "herbe": "grass"}

# Chat fillers and requests around the scene itself ("make a video of", "stp").
FILLERS = {"lol", "mdr", "ptdr", "stp", "svp", "please", "pls", "make a video of",
           "make a video", "fais une vidéo de", "fais une vidéo d", "fais moi une vidéo de",
           "a video of", "une vidéo de", "video", "vidéo", "cameo", "caméo"}

STOPWORDS = {
    # English
    "a", "an", "the", "of", "on", "in", "into", "onto", "at", "to", "with", "and", "or", "is",
    "are", "it", "its", "by", "from", "for", "as", "that", "this", "then", "while", "very",
    "across", "over", "under", "near", "next", "behind", "front", "slowly", "quickly", "fast",
    "gently", "shot", "scene", "camera", "view", "top", "around", "down", "up", "off",
    "s", "there", "again", "perfect", "perfectly", "one", "other", "each", "all",
    "against", "along", "inside", "outside", "upon", "be", "being", "has", "have", "time",
    "can", "will", "slow", "style", "light", "lights", "lighting", "music", "sound",
    "where", "when", "who", "which", "background", "foreground", "everywhere",
    "alone", "together", "seconds", "second", "sec", "secs", "super", "here",
    "out", "away", "toward", "towards", "through", "his", "her", "their", "my", "our",
    "we", "you", "i", "do", "does", "doing", "making", "makes", "make", "just", "so",
    # French
    "le", "la", "les", "l", "un", "une", "des", "de", "du", "d", "au", "aux", "sur", "sous",
    "dans", "et", "ou", "avec", "qui", "que", "qu", "en", "à", "par", "pour", "se", "sa",
    "son", "ses", "est", "sont", "puis", "lentement", "vite", "doucement", "devant",
    "derrière", "près", "vers", "contre", "très", "plan", "scène", "caméra", "vue", "il",
    "elle", "ils", "elles", "y", "parfait", "parfaite", "fois", "autre", "chaque", "pendant",
    "tandis", "lent", "lente", "rapide", "lumière", "lumières", "musique", "où", "ensuite",
    "partout", "seul", "seule", "loin", "secondes", "seconde", "t", "n", "ne", "pas", "eux",
    "lui", "ce", "cette", "ces", "mon", "ma", "mes",
    "tout", "tous", "toute", "toutes", "entre", "après", "avant", "ici", "là", "jusqu",
    "jusque", "dehors", "intérieur", "extérieur",
}

FRENCH_HINTS = {"le", "la", "les", "un", "une", "des", "sur", "dans", "qui", "au", "du", "de",
                "et", "avec", "est", "en", "sol", "ralenti", "nuit", "rue", "balle", "plan"}
ENGLISH_HINTS = {"the", "a", "an", "on", "in", "with", "of", "and", "is", "at", "floor",
                 "ball", "street", "night", "shot", "slow"}

"""English and French words the rule-based planner understands, mapped to plain English values.

Every phrase is written as the planner sees it after tokenising: lower case, hyphens and
apostrophes turned into spaces ("close-up" -> "close up", "d'une" -> "d une").
"""

from __future__ import annotations

from fractions import Fraction

# kind -> (singular forms, plural forms)
PROPS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "ball": (("ball", "balle", "ballon"), ("balls", "balles", "ballons")),
    "box": (("box", "boîte", "boite", "caisse", "carton"),
            ("boxes", "boîtes", "boites", "caisses", "cartons")),
    "cube": (("cube", "block", "bloc"), ("cubes", "blocks", "blocs")),
    "crate": (("crate", "cageot"), ("crates", "cageots")),
    "bottle": (("bottle", "bouteille"), ("bottles", "bouteilles")),
    "can": (("can", "tin can", "soda can", "canette"),
            ("cans", "tin cans", "soda cans", "canettes")),
    "glass": (("glass", "drinking glass", "verre"), ("glasses", "drinking glasses", "verres")),
    "cup": (("cup", "mug", "tasse"), ("cups", "mugs", "tasses")),
    "vase": (("vase",), ("vases",)),
    "marble": (("marble", "bille"), ("marbles", "billes")),
    "brick": (("brick", "brique"), ("bricks", "briques")),
    "die": (("die", "dice", "dé"), ("dice", "dés")),
    "book": (("book", "livre"), ("books", "livres")),
}

COUNTS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "single": 1, "un": 1, "une": 1, "seul": 1, "seule": 1,
    "two": 2, "deux": 2, "a pair of": 2, "a couple of": 2, "une paire de": 2,
    "three": 3, "trois": 3, "four": 4, "quatre": 4, "five": 5, "cinq": 5,
    "six": 6, "seven": 7, "sept": 7, "eight": 8, "huit": 8, "nine": 9, "neuf": 9,
    "ten": 10, "dix": 10, "eleven": 11, "onze": 11, "twelve": 12, "douze": 12,
    "fifteen": 15, "quinze": 15, "twenty": 20, "vingt": 20,
    "a dozen": 12, "une douzaine de": 12, "une douzaine d": 12,
    "some": 3, "several": 3, "a few": 3, "few": 3, "des": 3, "quelques": 3, "plusieurs": 3,
}
PLURAL_DEFAULT_COUNT = 3  # "balls bouncing": more than one, fewer than a crowd
MAX_COUNT = 24  # the physics stays real-time and the frame stays readable up to here

COLORS: dict[str, str] = {}
for _english, _forms in {
    "red": ("red", "rouge", "rouges"),
    "blue": ("blue", "bleu", "bleue", "bleus", "bleues"),
    "green": ("green", "vert", "verte", "verts", "vertes"),
    "yellow": ("yellow", "jaune", "jaunes"),
    "orange": ("orange", "oranges"),
    "purple": ("purple", "violet", "violette", "violets", "violettes"),
    "pink": ("pink", "rose", "roses"),
    "white": ("white", "blanc", "blanche", "blancs", "blanches"),
    "black": ("black", "noir", "noire", "noirs", "noires"),
    "grey": ("grey", "gray", "gris", "grise", "grises"),
    "brown": ("brown", "marron", "brun", "brune", "bruns", "brunes"),
    "gold": ("gold", "golden", "doré", "dorée", "dorés", "dorées"),
    "silver": ("silver", "argenté", "argentée", "argentés", "argentées"),
}.items():
    for _form in _forms:
        COLORS[_form] = _english

MATERIALS: dict[str, str] = {
    "rubber": "rubber", "caoutchouc": "rubber", "en caoutchouc": "rubber",
    "wood": "wood", "wooden": "wood", "en bois": "wood", "bois": "wood",
    "glass": "glass", "en verre": "glass",
    "metal": "metal", "metallic": "metal", "steel": "metal", "iron": "metal", "tin": "metal",
    "en métal": "metal", "métallique": "metal", "métalliques": "metal", "en acier": "metal",
    "en fer": "metal",
    "ceramic": "ceramic", "porcelain": "ceramic", "en céramique": "ceramic",
    "en porcelaine": "ceramic",
    "stone": "stone", "en pierre": "stone", "marble stone": "stone",
    "plastic": "plastic", "en plastique": "plastic",
    "cardboard": "cardboard", "en carton": "cardboard",
    "tile": "tile", "tiled": "tile", "carrelé": "tile", "en carrelage": "tile",
    "concrete": "concrete", "en béton": "concrete", "béton": "concrete",
}
# Words that are a material before a noun ("glass ball") but a prop on their own ("a glass").
MATERIAL_OR_PROP = {"glass"}
# Prop words that are also common verbs ("a ball can bounce"): a prop only after a determiner.
NEEDS_DETERMINER = {"can", "die"}

SIZES: dict[str, str] = {
    "tiny": "tiny", "minuscule": "tiny", "minuscules": "tiny", "miniature": "tiny",
    "small": "small", "little": "small", "petit": "small", "petite": "small",
    "petits": "small", "petites": "small",
    "big": "large", "large": "large", "grand": "large", "grande": "large", "grands": "large",
    "grandes": "large", "gros": "large", "grosse": "large", "grosses": "large",
    "giant": "giant", "huge": "giant", "enormous": "giant", "géant": "giant",
    "géante": "giant", "géants": "giant", "géantes": "giant", "énorme": "giant",
    "énormes": "giant",
}
SIZE_SCALE: dict[str, float] = {
    "tiny": 0.3, "small": 0.6, "normal": 1.0, "large": 1.6, "giant": 3.0,
}

ACTIONS: dict[str, str] = {}
for _verb, _forms in {
    "bounce": ("bounce", "bounces", "bouncing", "bounced", "bouncy", "rebondit", "rebondissent",
               "rebondir", "rebondissant", "rebondissante", "rebondissants", "rebondissantes"),
    "roll": ("roll", "rolls", "rolling", "rolled", "roule", "roulent", "rouler", "roulant",
             "roulante", "roulants", "roulantes"),
    "fall": ("fall", "falls", "falling", "fell", "drop", "drops", "dropping", "dropped",
             "tumble", "tumbles", "tumbling", "tombe", "tombent", "tomber", "tombant",
             "chute", "chutent", "lâché", "lâchée", "lâchés", "lâchées"),
    "slide": ("slide", "slides", "sliding", "slid", "glisse", "glissent", "glisser",
              "glissant", "glissante"),
    "rest": ("rest", "rests", "resting", "sits", "sitting", "stands", "standing", "lies",
             "lying", "posé", "posée", "posés", "posées", "immobile", "immobiles"),
    "topple": ("topple", "topples", "toppling", "knocked over", "tips over", "tipping over",
               "falls over", "renverse", "renversé", "renversée", "bascule", "basculent"),
}.items():
    for _form in _forms:
        ACTIONS[_form] = _verb

# place -> forms; `INDOOR` tells which places are inside by default.
PLACES: dict[str, str] = {}
for _place, _forms in {
    "floor": ("floor", "ground", "sol", "parquet", "plancher", "carrelage"),
    "table": ("table", "desk", "tabletop", "bureau"),
    "street": ("street", "road", "sidewalk", "pavement", "avenue", "rue", "route", "trottoir",
               "chaussée"),
    "park": ("park", "lawn", "grass", "garden", "parc", "jardin", "pelouse", "herbe"),
    "room": ("room", "living room", "bedroom", "hall", "pièce", "salon", "chambre", "salle"),
}.items():
    for _form in _forms:
        PLACES[_form] = _place
INDOOR = {"floor": True, "table": True, "room": True, "street": False, "park": False}
# Floors named by their material ("parquet" is wood, "carrelage" is tile).
PLACE_GROUND = {"parquet": "wood", "plancher": "wood", "carrelage": "tile", "grass": "grass",
                "lawn": "grass", "pelouse": "grass", "herbe": "grass"}

WET = {"wet", "damp", "soaked", "rain soaked", "rainy", "puddle", "puddles", "mouillé",
       "mouillée", "mouillés", "mouillées", "humide", "humides", "trempé", "trempée",
       "pluvieux", "pluvieuse", "flaque", "flaques"}

TIMES: dict[str, str] = {}
for _time, _forms in {
    "dawn": ("dawn", "sunrise", "daybreak", "aube", "lever du soleil", "lever du jour",
             "aurore"),
    "morning": ("morning", "matin", "matinée"),
    "noon": ("noon", "midday", "midi", "plein jour", "broad daylight"),
    "afternoon": ("afternoon", "après midi", "daytime", "day", "journée"),
    "golden_hour": ("golden hour", "heure dorée", "magic hour"),
    "sunset": ("sunset", "sundown", "coucher du soleil", "coucher de soleil", "soleil couchant"),
    "dusk": ("dusk", "twilight", "evening", "crépuscule", "soir", "soirée"),
    "night": ("night", "nighttime", "midnight", "nuit", "nocturne", "minuit"),
}.items():
    for _form in _forms:
        TIMES[_form] = _time

SHOT_SIZES: dict[str, str] = {
    "extreme wide shot": "extreme_wide", "extreme wide": "extreme_wide",
    "very wide shot": "extreme_wide", "plan très large": "extreme_wide",
    "plan d ensemble": "extreme_wide",
    "wide shot": "wide", "wide angle": "wide", "establishing shot": "wide", "long shot": "wide",
    "plan large": "wide", "plan général": "wide",
    "medium shot": "medium", "mid shot": "medium", "plan moyen": "medium",
    "plan américain": "medium",
    "close up": "close_up", "closeup": "close_up", "close shot": "close_up",
    "gros plan": "close_up",
    "extreme close up": "extreme_close_up", "macro": "extreme_close_up",
    "macro shot": "extreme_close_up", "très gros plan": "extreme_close_up",
}
ANGLES: dict[str, str] = {
    "low angle": "low", "from below": "low", "contre plongée": "low",
    "high angle": "high", "from above": "high", "plongée": "high",
    "overhead": "overhead", "top down": "overhead", "bird s eye": "overhead",
    "birds eye": "overhead", "vue de dessus": "overhead", "plongée totale": "overhead",
    "eye level": "eye_level", "à hauteur d yeux": "eye_level",
}
MOVES: dict[str, str] = {
    "static": "static", "static shot": "static", "locked off": "static",
    "fixed camera": "static", "plan fixe": "static", "caméra fixe": "static",
    "pan left": "pan_left", "panning left": "pan_left", "pans left": "pan_left",
    "panoramique vers la gauche": "pan_left", "panoramique à gauche": "pan_left",
    "panoramique gauche": "pan_left",
    "pan right": "pan_right", "panning right": "pan_right", "pans right": "pan_right",
    "panoramique vers la droite": "pan_right", "panoramique à droite": "pan_right",
    "panoramique droite": "pan_right", "pan": "pan_right", "panning": "pan_right",
    "panoramique": "pan_right",
    "dolly in": "dolly_in", "push in": "dolly_in", "tracking in": "dolly_in",
    "travelling avant": "dolly_in", "dolly": "dolly_in", "travelling": "dolly_in",
    "tracking shot": "dolly_in",
    "dolly out": "dolly_out", "pull back": "dolly_out", "pull out": "dolly_out",
    "pulls back": "dolly_out", "travelling arrière": "dolly_out",
    "zoom in": "zoom_in", "zooms in": "zoom_in", "zoom avant": "zoom_in", "zoom": "zoom_in",
    "zoom out": "zoom_out", "zooms out": "zoom_out", "zoom arrière": "zoom_out",
    "orbit": "orbit", "orbiting": "orbit", "orbits": "orbit", "circling": "orbit",
    "orbite": "orbit", "travelling circulaire": "orbit", "tourne autour": "orbit",
}

LOOKS: dict[str, str] = {
    "cinematic": "cinematic", "cinématique": "cinematic", "cinématographique": "cinematic",
    "film look": "cinematic",
    "film noir": "noir", "black and white": "noir", "black & white": "noir",
    "noir et blanc": "noir", "noir and white": "noir",
    "vintage": "vintage", "retro": "vintage", "rétro": "vintage", "old film": "vintage",
    "d époque": "vintage", "sepia": "vintage", "sépia": "vintage",
}
SPEEDS: dict[str, Fraction] = {
    "slow motion": Fraction(1, 4), "slow mo": Fraction(1, 4), "slowmo": Fraction(1, 4),
    "au ralenti": Fraction(1, 4), "ralenti": Fraction(1, 4),
}

# Markers that open a new shot ("Shot 2:", "Cut to", "Plan 2 :", "Coupe sur").
SHOT_MARKERS = ("shot", "cut to", "plan", "coupe sur")

DEFINITE = {"the", "le", "la", "les", "l", "this", "that", "ce", "cette", "ces"}

STOPWORDS = {
    # English
    "a", "an", "the", "of", "on", "in", "into", "onto", "at", "to", "with", "and", "or", "is",
    "are", "it", "its", "by", "from", "for", "as", "that", "this", "then", "while", "very",
    "across", "over", "under", "near", "next", "behind", "front", "slowly", "quickly", "fast",
    "gently", "shot", "scene", "camera", "view", "top", "around", "down", "up", "off",
    "s", "there", "again", "perfect", "perfectly", "one", "other", "each",
    "against", "along", "inside", "outside", "upon", "be", "being", "has", "have", "time",
    "can", "will", "slow", "lent", "lente", "rapide",
    # French
    "le", "la", "les", "l", "un", "une", "des", "de", "du", "d", "au", "aux", "sur", "sous",
    "dans", "et", "ou", "avec", "qui", "que", "en", "à", "par", "pour", "se", "sa", "son",
    "ses", "est", "sont", "puis", "lentement", "vite", "doucement", "devant", "derrière",
    "près", "vers", "contre", "très", "plan", "scène", "caméra", "vue", "il", "elle", "ils",
    "elles", "y", "parfait", "parfaite", "fois", "autre", "chaque", "pendant", "tandis",
}

FRENCH_HINTS = {"le", "la", "les", "un", "une", "des", "sur", "dans", "qui", "au", "du", "de",
                "et", "avec", "est", "en", "sol", "ralenti", "nuit", "rue", "balle", "plan"}
ENGLISH_HINTS = {"the", "a", "an", "on", "in", "with", "of", "and", "is", "at", "floor",
                 "ball", "street", "night", "shot", "slow"}

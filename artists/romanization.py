"""Latin spellings of a Hangul name: the Revised Romanization and the
variants K-pop uses.

Every K-pop name is written several ways. 김세정 is Kim Sejeong in the
Revised Romanization (RR) with the surname spelled as Koreans spell it in
passports, and Kim Sejung, Gim Sejeong or Kim Se Jung elsewhere; 지수 is
Jisu and Jisoo; 정국 is Jeongguk and Jungkook. `spellings()` makes, from the
Hangul alone, the RR spelling first and then the variants, each built from
the alternatives in the tables below, which are those real names use: ㅓ as
eo or u (Jung, Hyun), ㅜ as u or oo (Soo, Joon), ㅕ as yeo, yu or you
(Hyun, Young), ㅢ as ui or ee (Hee), ㄱ ㄷ ㅂ as g d b or k t p (Kook,
Park), ㄹ at the start of a word as r or l, 시 as si or shi. A person's surname has the
spellings of its own (이 is Lee, Yi, Rhee; 박 is Park, Bak, Pak).

RR does not transcribe sound changes between the syllables of a personal
name (한복남 is Han Boknam), so each syllable is spelled on its own. Group
names are spelled the same way: their sound changes are rare and the
spelling fans use follows the syllables (구구단 is Gugudan).

The number of spellings grows with every syllable that has alternatives, so
at most MAX_SPELLINGS are made, those with the fewest departures from RR
first. No library does this: the romanization packages on PyPI give RR
alone, not the variants, which are what readers type.
"""

import itertools

HANGUL_FIRST, HANGUL_LAST = 0xAC00, 0xD7A3
MEDIALS_PER_INITIAL = 21 * 28
FINALS_PER_MEDIAL = 28
MAX_SPELLINGS = 48

# RR first, then the spellings K-pop uses, by position in the syllable.
INITIALS = [
    ["g", "k"],  # ㄱ
    ["kk"],  # ㄲ
    ["n"],  # ㄴ
    ["d", "t"],  # ㄷ
    ["tt"],  # ㄸ
    ["r", "l"],  # ㄹ
    ["m"],  # ㅁ
    ["b", "p"],  # ㅂ
    ["pp"],  # ㅃ
    ["s"],  # ㅅ (sh before i and yu, below)
    ["ss"],  # ㅆ
    [""],  # ㅇ
    ["j"],  # ㅈ
    ["jj"],  # ㅉ
    ["ch"],  # ㅊ
    ["k"],  # ㅋ
    ["t"],  # ㅌ
    ["p"],  # ㅍ
    ["h"],  # ㅎ
]
MEDIALS = [
    ["a"],  # ㅏ
    ["ae"],  # ㅐ
    ["ya"],  # ㅑ
    ["yae"],  # ㅒ
    ["eo", "u"],  # ㅓ: Jung, Hyun, Suh
    ["e"],  # ㅔ
    ["yeo", "yu", "you"],  # ㅕ: Hyun, Yun, Young
    ["ye"],  # ㅖ
    ["o"],  # ㅗ
    ["wa"],  # ㅘ
    ["wae"],  # ㅙ
    ["oe", "oi"],  # ㅚ
    ["yo"],  # ㅛ
    ["u", "oo"],  # ㅜ: Soo, Joon
    ["wo", "weo"],  # ㅝ
    ["we"],  # ㅞ
    ["wi"],  # ㅟ
    ["yu", "yoo"],  # ㅠ
    ["eu", "u"],  # ㅡ: Seung, Sung
    ["ui", "ee", "eui"],  # ㅢ: Hee
    ["i"],  # ㅣ
]
FINALS = [
    [""],
    ["k"],  # ㄱ
    ["k"],  # ㄲ
    ["k"],  # ㄳ
    ["n"],  # ㄴ
    ["n"],  # ㄵ
    ["n"],  # ㄶ
    ["t"],  # ㄷ
    ["l"],  # ㄹ
    ["k"],  # ㄺ
    ["m"],  # ㄻ
    ["l"],  # ㄼ
    ["l"],  # ㄽ
    ["l"],  # ㄾ
    ["p"],  # ㄿ
    ["l"],  # ㅀ
    ["m"],  # ㅁ
    ["p"],  # ㅂ
    ["p"],  # ㅄ
    ["t"],  # ㅅ
    ["t"],  # ㅆ
    ["ng"],  # ㅇ
    ["t"],  # ㅈ
    ["t"],  # ㅊ
    ["k"],  # ㅋ
    ["t"],  # ㅌ
    ["p"],  # ㅍ
    ["t"],  # ㅎ
]
# ㅅ before ㅣ or a y- vowel is also spelled sh: 시 shi, 신 Shin, 슈 Shu.
SH_MEDIALS = {20: ["i"], 2: ["a"], 6: ["u", "eo"], 12: ["o"], 17: ["u", "oo"]}
# A final consonant before a syllable that starts with ㅇ is heard at the
# start of the next one: 달의 is dal-ui or, as RR writes it, darui.
LINKED_FINALS = {1: "g", 7: "d", 8: "r", 17: "b", 19: "s", 22: "j", 23: "ch"}
SILENT_INITIAL = 11  # ㅇ
# 우 is Woo as often as U (Jiwoo, Woozi); 서 is Suh outside surnames too
# (Suh Yeon).
SYLLABLE_EXTRAS = {"우": ["woo"], "서": ["suh"]}

# Surnames as they are spelled in passports and credits, the usual first.
SURNAMES = {
    "김": ["kim", "gim"],
    "이": ["lee", "yi", "rhee", "i"],
    "리": ["lee", "ri"],
    "박": ["park", "bak", "pak"],
    "최": ["choi", "choe"],
    "정": ["jung", "jeong", "chung"],
    "강": ["kang", "gang"],
    "조": ["cho", "jo"],
    "윤": ["yoon", "yun"],
    "장": ["jang", "chang"],
    "임": ["lim", "im", "yim"],
    "한": ["han"],
    "오": ["oh", "o"],
    "서": ["seo", "suh"],
    "신": ["shin", "sin"],
    "권": ["kwon", "gwon"],
    "황": ["hwang"],
    "안": ["ahn", "an"],
    "송": ["song"],
    "전": ["jeon", "jun", "chun"],
    "홍": ["hong"],
    "고": ["ko", "go"],
    "문": ["moon", "mun"],
    "양": ["yang"],
    "손": ["son", "sohn"],
    "배": ["bae"],
    "백": ["baek", "paik", "baik"],
    "허": ["heo", "hur", "huh"],
    "유": ["yoo", "yu", "you"],
    "남": ["nam"],
    "노": ["noh", "roh", "no"],
    "하": ["ha"],
    "곽": ["kwak", "gwak"],
    "성": ["sung", "seong"],
    "차": ["cha"],
    "주": ["joo", "ju", "chu"],
    "우": ["woo", "u"],
    "민": ["min"],
    "류": ["ryu", "yoo", "yu"],
    "진": ["jin"],
    "나": ["na", "ra"],
    "지": ["ji"],
    "엄": ["eom", "um"],
    "채": ["chae"],
    "원": ["won"],
    "방": ["bang"],
    "공": ["kong", "gong"],
    "현": ["hyun", "hyeon"],
    "함": ["ham"],
    "변": ["byun", "byeon"],
    "염": ["yeom", "yum"],
    "여": ["yeo", "yuh"],
    "추": ["choo", "chu"],
    "도": ["do"],
    "석": ["seok", "suk"],
    "선": ["sun", "seon"],
    "설": ["seol", "sul"],
    "길": ["gil", "kil"],
    "연": ["yeon", "yun"],
    "표": ["pyo"],
    "명": ["myung", "myeong"],
    "기": ["ki", "gi"],
    "금": ["keum", "geum"],
    "육": ["yook", "yuk"],
    "국": ["kook", "guk"],
    "편": ["pyun", "pyeon"],
    "경": ["kyung", "gyeong"],
    "황보": ["hwangbo"],
    "남궁": ["namgoong", "namgung"],
    "제갈": ["jegal"],
    "선우": ["sunwoo", "seonu"],
    "독고": ["dokgo"],
}


def is_syllable(char):
    return HANGUL_FIRST <= ord(char) <= HANGUL_LAST


def jamo(syllable):
    """(initial, medial, final) of a Hangul syllable, as table positions."""
    initial, rest = divmod(ord(syllable) - HANGUL_FIRST, MEDIALS_PER_INITIAL)
    return (initial, *divmod(rest, FINALS_PER_MEDIAL))


def syllable_spellings(syllable, *, word_start, before=None):
    """Each way of spelling one Hangul syllable, RR first. Inside a word,
    ㄹ is r alone; `before` is the syllable that follows, if any."""
    initial, medial, final = jamo(syllable)
    initials = INITIALS[initial] if word_start or initial != 5 else ["r"]
    finals = list(FINALS[final])
    if before is not None and jamo(before)[0] == SILENT_INITIAL:
        finals += [LINKED_FINALS[final]] if final in LINKED_FINALS else []
    found = [
        first + middle + last
        for first in initials
        for middle in MEDIALS[medial]
        for last in finals
    ]
    if initial == 9 and medial in SH_MEDIALS:
        found += [
            "sh" + middle + last for middle in SH_MEDIALS[medial] for last in finals
        ]
    return found + SYLLABLE_EXTRAS.get(syllable, [])


def surname_of(name):
    """The surname a person's Hangul name starts with, or "". A name of
    two syllables is a given or stage name alone (지수, 정국)."""
    for length in (2, 1):
        if len(name) > length + 1 and name[:length] in SURNAMES:
            return name[:length]
    return ""


def spellings(hangul, *, person):
    """Latin spellings of `hangul`, RR first, as a reader would write them:
    "Kim Sejeong", "Kim Sejung", "Gim Sejeong"... For a person whose name
    starts with a known surname, the surname is spelled apart. Text that is
    not Hangul (a Latin letter in a group's name) is kept as it is.

    At most MAX_SPELLINGS, the closest to RR first."""
    hangul = " ".join(hangul.split())
    if not any(is_syllable(char) for char in hangul):
        return []
    surname = surname_of(hangul) if person else ""
    parts = [[spelling.title() for spelling in SURNAMES[surname]]] if surname else []
    if surname:
        parts.append([" "])
    word_start = True
    rest = hangul[len(surname) :]
    for index, char in enumerate(rest):
        if is_syllable(char):
            following = rest[index + 1 : index + 2]
            choices = syllable_spellings(
                char,
                word_start=word_start,
                before=following if following and is_syllable(following) else None,
            )
            if word_start:
                choices = [choice.title() for choice in choices]
            parts.append(choices)
            word_start = False
        else:
            parts.append([char])
            word_start = char.isspace()
    found = []
    for picks in closest_first(parts):
        spelling = "".join(part[pick] for part, pick in zip(parts, picks, strict=True))
        if spelling not in found:
            found.append(spelling)
            if len(found) == MAX_SPELLINGS:
                break
    return found


def closest_first(parts):
    """Which choice to take from each part, first choices everywhere first,
    then one other choice, then two...: never the whole product, which a
    long name makes too large to list."""
    varied = [index for index, part in enumerate(parts) if len(part) > 1]
    for departures in range(len(varied) + 1):
        for where in itertools.combinations(varied, departures):
            others = [range(1, len(parts[index])) for index in where]
            for choice in itertools.product(*others):
                picks = [0] * len(parts)
                for index, pick in zip(where, choice, strict=True):
                    picks[index] = pick
                yield picks

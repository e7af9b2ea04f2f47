"""Every user-visible string of compare mode, the lesson and export, in English and Korean, in one table.

``t(key, **values)`` looks a key up in the current language (falling back to English) and fills in
``{values}``. The language comes from ``--lang`` or, failing that, from LC_ALL / LANG ("ko…" → Korean).
Widths on screen are measured with rich's cell widths (a Hangul syllable takes two cells), never len().
Contract words the lab scripts and tests read (``iter``, ``loss``, ``k of n units distinct``) stay in
English in both languages.
"""
from __future__ import annotations

import os
from typing import Mapping

LANGUAGES = ("en", "ko")

_language = "en"


def language_from_env(environ: Mapping[str, str] | None = None) -> str:
    """"ko" when LC_ALL (or, if unset, LANG) starts with "ko", else "en"."""
    environ = os.environ if environ is None else environ
    for name in ("LC_ALL", "LANG"):
        value = environ.get(name, "")
        if value:
            return "ko" if value.lower().startswith("ko") else "en"
    return "en"


def set_language(language: str) -> None:
    global _language
    if language not in LANGUAGES:
        raise ValueError(f"--lang must be one of {', '.join(LANGUAGES)}, got {language!r}")
    _language = language


def language() -> str:
    return _language


def t(key: str, **values) -> str:
    text = STRINGS[_language].get(key)
    if text is None:
        text = STRINGS["en"][key]
    return text.format(**values) if values else text


EN: dict[str, str] = {
    # -- app (keys added by issue 4) --------------------------------------------------------------------
    "key.lesson": "lesson",
    "key.export": "export",
    "help.compare": "compare two initialisations side by side, in lockstep",
    "help.lesson": "the guided lesson: why weights must start random (9 steps)",
    "help.export": "export the run's history (CSV) to the working directory",
    # -- compare mode -----------------------------------------------------------------------------------
    "compare.title": " compare · {dataset} · {activation} · n_h {hidden} · lr {lr}",
    "compare.details": "details: side {side}",
    "compare.side": "side {side}: {init}",
    "compare.keys": "space step · ← back · r run · tab flip · 1 2 3 panel · ^p set side · c leave",
    "compare.chart": "loss A/B · log10 unit gap A/B",
    "compare.flip": "flip side",
    "compare.leave": "leave compare",
    "compare.both_panels": "both sides' panels are on screen",
    "compare.set": "side {side}: {init}; both runs start again at iteration 0",
    "compare.reset": "{what}: both runs start again at iteration 0",
    "compare.only_biases": "only the biases random",
    "compare.w1_random": "W1 random, W2 zeros",
    "compare.w2_random": "W2 random, W1 zeros",
    "compare.cmd.init": "Side {side}: init {scheme}",
    "compare.cmd.scale": "Side {side}: scale {scale}",
    "compare.cmd.preset": "Side {side}: {preset}",
    "compare.cmd.resets": "both sides start again at iteration 0",
    "compare.cmd.flip": "Compare: flip which side's panels show",
    "compare.cmd.leave": "Compare: leave",
    "compare.paused": "paused",
    "compare.running": "▶ running",
    "compare.diverged": "side {side} diverged at iteration {iteration}; the other side goes on",
    "compare.no_other": "not in compare mode: this key changes the single run; leave with c or escape",
    # -- export -----------------------------------------------------------------------------------------
    "export.done": "exported {records} records (iterations 0…{iteration}, every {stride}) to {path}",
    "export.renamed": "{name} already existed, so the export went to {path}",
    "export.failed": "{error}",
    # -- the lesson -------------------------------------------------------------------------------------
    "lesson.title": "Lesson {n} of {total} · {title}",
    "lesson.keys": "n next · p previous · space step · r run · esc leave",
    "lesson.first": "this is the first step",
    "lesson.last": "this is the last step: press escape for free play",
    "lesson.1.title": "two zero units",
    "lesson.1.body": (
        "n0 = 2 inputs, n1 = 2 hidden units, W1 = 0 (2×2), b1 = 0. For every example both hidden units "
        "compute the same thing: z = 0·x + 0, a = tanh(0).\n"
        "Example 1, x = ({x1}, {x2}):  a[1]_1 = {a1}   a[1]_2 = {a2}\n"
        "Look at the weights panel: rows h1 and h2 carry the same mark ≡A."),
    "lesson.2.title": "equal gradients",
    "lesson.2.body": (
        "Backprop: dz[1]_1 = dz[1]_2 for every example, so dW1 has two equal rows. Here every weight "
        "starts at 0.5 (with 0 both rows would be 0, equal too):\n"
        "dW1 row 1 = {row1}\n"
        "dW1 row 2 = {row2}\n"
        "The weights panel lists them under 'identical gradient rows'."),
    "lesson.3.title": "induction",
    "lesson.3.body": (
        "The update W1 := W1 − α·dW1 subtracts equal rows from equal rows, so the rows stay equal — at "
        "every iteration, by induction. Press space to step (] for 10 at a time) and watch the gap: "
        "it stays exactly 0.0, bit for bit."),
    "lesson.4.title": "frozen, or one unit",
    "lesson.4.body": (
        "With tanh and W = 0 nothing moves at all: tanh(0) = 0 gives dW2 = 0 and W2 = 0 gives dZ1 = 0 "
        "(press z: 'frozen'). With a constant 0.5 the 4 units move, but together: after {iterations} "
        "iterations this net has {acc}, a one-unit net {acc1}. Four identical units are one unit."),
    "lesson.5.title": "more units, same story",
    "lesson.5.body": (
        "8 hidden units, constant 0.5: every thumbnail in the network panel is the same picture and the "
        "status says 1 of 8 units distinct. More units or more inputs change nothing: each row of W1 "
        "still gets the same gradient."),
    "lesson.6.title": "the fix: random",
    "lesson.6.body": (
        "W1 = np.random.randn(n1, n0)·0.01, b1 = 0. The units start different, get different gradients "
        "and diverge: press r and watch the boundary bend (≈ 90 % on the flower). b needs no random start: "
        "once W breaks the symmetry, the biases follow."),
    "lesson.7.title": "why small",
    "lesson.7.body": (
        "Random but ×10: |Z| is large, tanh saturates (|z| > 3 is flat), the gradients vanish. The "
        "loss starts huge and the chart shows learning crawl. Press s / S to change the scale, then r; "
        "0.01 learns at once."),
    "lesson.8.title": "other constants",
    "lesson.8.body": (
        "Deep nets pick the scale from the layer's width: Xavier randn·√(1/n_prev) for tanh, He "
        "randn·√(2/n_prev) for ReLU. Here 32 hidden units with Xavier; press i to try He, a to switch "
        "the activation."),
    "lesson.9.title": "symmetry breaking",
    "lesson.9.body": (
        "Constant 0.5 plus ε = 1e-12 on one weight (W1[1,1]). The symmetric state is an unstable fixed "
        "point: the gap grows exponentially (a straight line on the log chart). Press r: after 10 000 "
        "iterations it is still tiny. Random init does in one step what waiting cannot."),
}

KO: dict[str, str] = {
    "key.lesson": "수업",
    "key.export": "내보내기",
    "help.compare": "두 초기화를 나란히, 같은 걸음으로 비교",
    "help.lesson": "안내 수업: 가중치를 왜 무작위로 초기화하는가 (9단계)",
    "help.export": "학습 기록을 CSV로 작업 디렉터리에 내보내기",
    "compare.title": " 비교 · {dataset} · {activation} · n_h {hidden} · lr {lr}",
    "compare.details": "자세히: {side} 쪽",
    "compare.side": "{side} 쪽: {init}",
    "compare.keys": "space 걸음 · ← 뒤로 · r 실행 · tab 쪽 바꿈 · 1 2 3 패널 · ^p 쪽 설정 · c 나가기",
    "compare.chart": "손실 A/B · log10 유닛 간격 A/B",
    "compare.flip": "쪽 바꾸기",
    "compare.leave": "비교 끝내기",
    "compare.both_panels": "두 쪽의 패널이 모두 화면에 있습니다",
    "compare.set": "{side} 쪽: {init}; 두 학습 모두 반복 0부터 다시 시작",
    "compare.reset": "{what}: 두 학습 모두 반복 0부터 다시 시작",
    "compare.only_biases": "편향만 무작위",
    "compare.w1_random": "W1 무작위, W2 0",
    "compare.w2_random": "W2 무작위, W1 0",
    "compare.cmd.init": "{side} 쪽: 초기화 {scheme}",
    "compare.cmd.scale": "{side} 쪽: 크기 {scale}",
    "compare.cmd.preset": "{side} 쪽: {preset}",
    "compare.cmd.resets": "두 쪽 모두 반복 0부터 다시 시작",
    "compare.cmd.flip": "비교: 패널을 보여 줄 쪽 바꾸기",
    "compare.cmd.leave": "비교: 끝내기",
    "compare.paused": "멈춤",
    "compare.running": "▶ 실행 중",
    "compare.diverged": "{side} 쪽이 반복 {iteration}에서 발산했습니다; 다른 쪽은 계속합니다",
    "compare.no_other": "비교 모드가 아닌 단일 학습용 키입니다; c 또는 escape로 나가세요",
    "export.done": "기록 {records}개 (반복 0…{iteration}, {stride}마다)를 {path}에 내보냈습니다",
    "export.renamed": "{name} 파일이 이미 있어서 {path}에 저장했습니다",
    "lesson.title": "수업 {n} / {total} · {title}",
    "lesson.keys": "n 다음 · p 이전 · space 한 걸음 · r 실행 · esc 나가기",
    "lesson.first": "첫 단계입니다",
    "lesson.last": "마지막 단계입니다: escape로 자유롭게 실습하세요",
    "lesson.1.title": "0으로 시작한 두 유닛",
    "lesson.1.body": (
        "입력 n0 = 2, 숨겨진 유닛 n1 = 2, W1 = 0 (2×2), b1 = 0. 모든 예제에서 두 숨겨진 유닛은 같은 값을 "
        "계산합니다: z = 0·x + 0, a = tanh(0).\n"
        "예제 1, x = ({x1}, {x2}):  a[1]_1 = {a1}   a[1]_2 = {a2}\n"
        "가중치 패널을 보세요: h1과 h2 행에 같은 표시 ≡A가 붙어 있습니다."),
    "lesson.2.title": "같은 기울기",
    "lesson.2.body": (
        "역전파: 모든 예제에서 dz[1]_1 = dz[1]_2 이므로 dW1의 두 행이 같습니다. 여기서는 모든 가중치가 "
        "0.5에서 시작합니다 (0이면 두 행 모두 0으로 역시 같습니다):\n"
        "dW1 1행 = {row1}\n"
        "dW1 2행 = {row2}\n"
        "가중치 패널의 'identical gradient rows'에 나옵니다."),
    "lesson.3.title": "귀납법",
    "lesson.3.body": (
        "기울기 강하 W1 := W1 − α·dW1 은 같은 행에서 같은 행을 빼므로 행은 계속 같습니다 — 귀납법으로 "
        "모든 반복에서. space로 한 걸음씩 (]는 10씩) 진행하며 간격을 보세요: 정확히 0.0 그대로입니다."),
    "lesson.4.title": "멈춤, 또는 유닛 하나",
    "lesson.4.body": (
        "tanh와 W = 0이면 아무것도 움직이지 않습니다: tanh(0) = 0 → dW2 = 0, W2 = 0 → dZ1 = 0 "
        "(z를 누르면 'frozen'). 상수 0.5면 유닛 4개가 움직이지만 함께 움직입니다: 반복 {iterations}번 후 "
        "정확도 {acc}, 유닛 1개짜리 망은 {acc1}. 같은 유닛 넷은 유닛 하나입니다."),
    "lesson.5.title": "유닛이 많아도 같다",
    "lesson.5.body": (
        "숨겨진 유닛 8개, 상수 0.5: 망 패널의 작은 그림이 모두 같고 상태 줄은 1 of 8 units distinct "
        "입니다. 유닛이나 입력을 늘려도 대칭은 그대로: W1의 모든 행이 같은 기울기를 받습니다."),
    "lesson.6.title": "해결: 무작위 초기화",
    "lesson.6.body": (
        "W1 = np.random.randn(n1, n0)·0.01, b1 = 0. 유닛이 서로 다르게 시작해 다른 기울기를 받고 "
        "갈라집니다: r을 누르고 결정 경계를 보세요 (flower에서 약 90 %). 편향 b는 0이어도 됩니다: "
        "W가 대칭을 깨면 편향도 따라 달라집니다."),
    "lesson.7.title": "왜 작게",
    "lesson.7.body": (
        "무작위지만 ×10: |Z|가 커서 tanh가 포화되고 (|z| > 3에서 평평) 기울기가 사라집니다. 손실이 "
        "아주 크게 시작하고 그래프에서 학습이 느리게 기어갑니다. s / S로 크기를 바꾸고 r: 0.01은 바로 "
        "배웁니다."),
    "lesson.8.title": "다른 상수",
    "lesson.8.body": (
        "깊은 망은 층의 너비로 크기를 정합니다: tanh에는 Xavier randn·√(1/n_prev), ReLU에는 He "
        "randn·√(2/n_prev). 여기서는 숨겨진 유닛 32개에 Xavier; i로 He를, a로 activation을 바꿔 보세요."),
    "lesson.9.title": "대칭 깨기",
    "lesson.9.body": (
        "상수 0.5에 가중치 하나(W1[1,1])만 ε = 1e-12 더함. 대칭 상태는 불안정한 고정점이라 간격이 "
        "지수적으로 커집니다 (로그 그래프에서 직선). r을 누르세요: 10 000번 반복 후에도 아직 작습니다. "
        "무작위 초기화는 한 번에 해냅니다."),
}

STRINGS: dict[str, dict[str, str]] = {"en": EN, "ko": KO}

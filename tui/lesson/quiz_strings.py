"""The words of the lesson's questions (tui/lesson/quiz.py), in English and Korean; tui/i18n.py adds them to its
tables. Kept apart from the steps' own texts (lesson.<n>.*) so that a step's text and its question can change
independently. No imports: the headless path reads tui/i18n.py too."""

QUIZ_EN: dict[str, str] = {
    "quiz.title": "Lesson {n} of {total} · {title} · your guess",
    "quiz.keys": "{letters} answer · esc skip · n p skip to another step · ? help",
    "quiz.keys.answered": "space or enter: see the run",
    "quiz.measuring": "measuring: training a copy of this run to iteration {at} …",
    "quiz.only": "answer with {letters} (esc skips)",
    # the questions ("…later": the step's run has trained already)
    "quiz.changed.question": "After one iteration (space), how many of W1's {entries} weights will have changed?",
    "quiz.changed.question.later": ("After one more iteration (iteration {at}), how many of W1's {entries} weights "
                                    "will have changed?"),
    "quiz.distinct.question": "After {after} iterations, how many of the {units} hidden units will be distinct?",
    "quiz.distinct.question.later": ("After {after} more iterations (iteration {at}), how many of the {units} hidden "
                                     "units will be distinct?"),
    "quiz.accuracy.question": "Press r: what accuracy will the network have after {after} iterations?",
    "quiz.accuracy.question.later": ("Training on: what accuracy will the network have at iteration {at} "
                                     "({after} more)?"),
    "quiz.accuracy_change.question": "From iteration 0 to iteration {at}, how will the accuracy change?",
    "quiz.accuracy_change.question.later": ("Training on from iteration {start} to iteration {at}: how will the "
                                            "accuracy change?"),
    "quiz.gap.question": ("After {after} iterations, how far apart will the two closest hidden units be "
                          "(the unit gap)?"),
    "quiz.gap.question.later": ("At iteration {at}, how far apart will the two closest hidden units be "
                                "(the unit gap)?"),
    # the options
    "quiz.changed.none": "none of them",
    "quiz.changed.some": "some of them, not all",
    "quiz.changed.all": "all {entries}",
    "quiz.units.one": "1 (all alike)",
    "quiz.units.all": "{units} (all different)",
    "quiz.units.count": "{count}",
    "quiz.units.range": "{low} to {high}",
    "quiz.accuracy.below": "below {high}",
    "quiz.accuracy.between": "{low} to {high}",
    "quiz.accuracy.above": "{low} or more",
    "quiz.accuracy_change.down": "it drops by more than {a} point",
    "quiz.accuracy_change.same": "about the same (within {a} point)",
    "quiz.accuracy_change.up": "{a} to {b} points higher",
    "quiz.accuracy_change.much": "{b} or more points higher",
    "quiz.gap.below": "below {high}",
    "quiz.gap.between": "{low} to {high}",
    "quiz.gap.above": "{low} or more",
    # why: what the copy of the run measured
    "quiz.changed.why": ("Measured: {changed} of W1's {entries} weights changed in one "
                         "iteration (the largest change: {largest})."),
    "quiz.distinct.why": "Measured: at iteration {at}, {distinct} of {units} units distinct (unit gap {gap}).",
    "quiz.accuracy.why": "Measured: the accuracy at iteration {at} is {acc}.",
    "quiz.accuracy_change.why": ("Measured: {acc0} at iteration {start}, {acc} at iteration "
                                 "{at} ({change} points)."),
    "quiz.gap.why": "Measured: unit gap {gap0} at iteration {start}, {gap} at iteration {at}.",
    "quiz.verdict.right": "✓ Right: {letter}) {label}. {why}",
    "quiz.verdict.wrong": "✗ Not quite: it is {letter}) {label}. {why}",
    "palette.quiz_answer": "Answer {letter}) {label}",
    "palette.quiz_answer.help": "a–d: the step's run is shown once you have seen the verdict",
    "palette.quiz_skip": "Skip the question",
    # help
    "help.lesson_answer": "answer the step's question (asked before its run is shown)",
    "help.lesson_skip": "on a question: skip it (its run is shown; an export says 'skipped')",
}

QUIZ_KO: dict[str, str] = {
    "quiz.title": "수업 {n}/{total}단계 · {title} · 예상해 보기",
    "quiz.keys": "{letters} 답하기 · esc 건너뛰기 · n p 다른 단계로 · ? 도움말",
    "quiz.keys.answered": "space 또는 enter: 학습 보기",
    "quiz.measuring": "측정 중: 이 학습의 복사본을 반복 {at}까지 학습하는 중 …",
    "quiz.only": "{letters} 중에서 답하세요 (esc는 건너뛰기)",
    "quiz.changed.question": "반복 한 번(space) 뒤에 W1의 가중치 {entries}개 중 몇 개가 바뀔까요?",
    "quiz.changed.question.later": "반복 한 번 더(반복 {at}) 학습하면 W1의 가중치 {entries}개 중 몇 개가 바뀔까요?",
    "quiz.distinct.question": "반복 {after}번 뒤에 은닉 유닛 {units}개 중 서로 다른 유닛은 몇 개일까요?",
    "quiz.distinct.question.later": "반복 {after}번 더(반복 {at}까지) 학습하면 은닉 유닛 {units}개 중 서로 다른 유닛은 몇 개일까요?",
    "quiz.accuracy.question": "r을 누르면: 반복 {after}번 뒤에 정확도는 얼마일까요?",
    "quiz.accuracy.question.later": "계속 학습하면: 반복 {at}(앞으로 {after}번 더)에서 정확도는 얼마일까요?",
    "quiz.accuracy_change.question": "반복 0에서 반복 {at}까지 정확도는 어떻게 바뀔까요?",
    "quiz.accuracy_change.question.later": "반복 {start}에서 반복 {at}까지 계속 학습하면 정확도는 어떻게 바뀔까요?",
    "quiz.gap.question": "반복 {after}번 뒤에 가장 가까운 두 은닉 유닛의 차이(unit gap)는 얼마일까요?",
    "quiz.gap.question.later": "반복 {at}에서 가장 가까운 두 은닉 유닛의 차이(unit gap)는 얼마일까요?",
    "quiz.changed.none": "하나도 바뀌지 않는다",
    "quiz.changed.some": "일부만 바뀐다",
    "quiz.changed.all": "{entries}개 모두 바뀐다",
    "quiz.units.one": "1개 (모두 같다)",
    "quiz.units.all": "{units}개 (모두 다르다)",
    "quiz.units.count": "{count}개",
    "quiz.units.range": "{low}~{high}개",
    "quiz.accuracy.below": "{high} 미만",
    "quiz.accuracy.between": "{low} 이상 {high} 미만",
    "quiz.accuracy.above": "{low} 이상",
    "quiz.accuracy_change.down": "{a}%p 넘게 떨어진다",
    "quiz.accuracy_change.same": "거의 그대로다 (±{a}%p 이내)",
    "quiz.accuracy_change.up": "{a}~{b}%p 오른다",
    "quiz.accuracy_change.much": "{b}%p 이상 오른다",
    "quiz.gap.below": "{high} 미만",
    "quiz.gap.between": "{low} 이상 {high} 미만",
    "quiz.gap.above": "{low} 이상",
    "quiz.changed.why": "측정값: 반복 한 번에 W1의 가중치 {entries}개 중 {changed}개가 바뀌었습니다 (가장 큰 변화: {largest}).",
    "quiz.distinct.why": "측정값: 반복 {at}에서 서로 다른 유닛은 {units}개 중 {distinct}개입니다 (unit gap {gap}).",
    "quiz.accuracy.why": "측정값: 반복 {at}에서 정확도는 {acc}입니다.",
    "quiz.accuracy_change.why": "측정값: 반복 {start}에서 {acc0}, 반복 {at}에서 {acc}입니다 ({change}%p).",
    "quiz.gap.why": "측정값: unit gap이 반복 {start}에서 {gap0}, 반복 {at}에서 {gap}입니다.",
    "quiz.verdict.right": "✓ 정답: {letter}) {label}. {why}",
    "quiz.verdict.wrong": "✗ 아쉽네요. 정답은 {letter}) {label}. {why}",
    "palette.quiz_answer": "답하기 {letter}) {label}",
    "palette.quiz_answer.help": "a–d: 정답 여부를 본 뒤에 이 단계의 학습을 보여 줍니다",
    "palette.quiz_skip": "질문 건너뛰기",
    "help.lesson_answer": "단계의 질문에 답하기 (학습을 보여 주기 전에 묻습니다)",
    "help.lesson_skip": "질문에서: 건너뛰기 (학습을 보여 주고, 내보낸 파일에는 'skipped'로 남습니다)",
}

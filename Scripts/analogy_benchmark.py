#!/usr/bin/env python3
"""Google analogy test set: Glimpse's `words 1 b - a + c` against gensim's most_similar.

Runs both on the same GloVe vectors, in one run, and prints one table: accuracy and seconds of
each, how many times faster Glimpse is, and whether both gave the same answer (the same nearest
word, right or wrong) on every question. The questions file ships in gensim's wheel
(gensim/test/test_data/questions-words.txt).

  python3 -m venv /tmp/gensim-venv && /tmp/gensim-venv/bin/pip install gensim
  /tmp/gensim-venv/bin/python Scripts/analogy_benchmark.py \
      --glove ~/.cache/glimpse/glove.6B.50d.txt --glimpse .build/release/glimpse \
      --space ~/.local/share/glimpse/demo.glimpse

Glimpse's seconds are the whole `glimpse run` process (start-up, opening the space, parsing
19,544 statements, searching them in batches, writing CSV); gensim's are its most_similar calls
on vectors already loaded.

An analogy "a b c d" (a is to b as c is to d) counts as right when the nearest word
to b - a + c, leaving out a, b and c, is d. Both sides search the whole vocabulary
(gensim's evaluate_word_analogies defaults to the 300,000 most frequent words; that
figure is printed too). Questions with a word outside the vocabulary are skipped.
"""
import argparse, csv, io, subprocess, sys, time

from gensim.models import KeyedVectors
from gensim.test.utils import datapath


def read_questions(path):
    sections, section = [], None
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith(":"):
                section = (line[1:].strip(), [])
                sections.append(section)
            elif line.strip():
                section[1].append(line.lower().split())
    return sections


def glimpse_answers(glimpse, space, questions):
    # Quoted words are always words: no variable, keyword or number can get in the way.
    script = "\n".join('words 1 "%s" - "%s" + "%s"' % (b, a, c) for a, b, c, _ in questions)
    start = time.perf_counter()
    run = subprocess.run([glimpse, "run", "-", "--space", space, "--format", "csv", "--keep-going"],
                         input=script.encode(), capture_output=True)
    seconds = time.perf_counter() - start
    if run.returncode not in (0, 70):
        sys.exit("glimpse failed (%d): %s" % (run.returncode, run.stderr.decode()[:2000]))
    answers = {}
    for row in csv.DictReader(io.StringIO(run.stdout.decode())):
        answers[int(row["statement"])] = row["item"]
    return [answers.get(i + 1) for i in range(len(questions))], seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--glove", required=True, help="GloVe text file (the space's source)")
    parser.add_argument("--glimpse", required=True, help="the glimpse binary")
    parser.add_argument("--space", required=True, help="the space imported from --glove")
    parser.add_argument("--questions", default=datapath("questions-words.txt"))
    args = parser.parse_args()

    vectors = KeyedVectors.load_word2vec_format(args.glove, binary=False, no_header=True)
    vocabulary = vectors.key_to_index
    sections = read_questions(args.questions)
    questions = [q for _, qs in sections for q in qs if all(w in vocabulary for w in q)]
    total = sum(len(qs) for _, qs in sections)

    start = time.perf_counter()
    gensim_answers = [vectors.most_similar(positive=[b, c], negative=[a], topn=1, restrict_vocab=None)[0][0]
                      for a, b, c, _ in questions]
    gensim_seconds = time.perf_counter() - start
    gensim_right = [answer == q[3] for answer, q in zip(gensim_answers, questions)]

    default_score, _ = vectors.evaluate_word_analogies(args.questions, case_insensitive=True)

    answers, glimpse_seconds = glimpse_answers(args.glimpse, args.space, questions)
    glimpse_right = [answer == q[3] for answer, q in zip(answers, questions)]
    differ = [(q, x, y) for q, x, y in zip(questions, answers, gensim_answers) if x != y]

    n = len(questions)
    print("Google analogies: %d of %d questions have all four words in the vocabulary" % (n, total))
    print("%-44s %9s %9s" % ("", "accuracy", "seconds"))
    print("%-44s %8.2f%% %9.1f" % ("glimpse  words 1 b - a + c", 100 * sum(glimpse_right) / n, glimpse_seconds))
    print("%-44s %8.2f%% %9.1f" % ("gensim   most_similar([b, c], [a]), all words", 100 * sum(gensim_right) / n, gensim_seconds))
    print("%-44s %8.2f%% %9s" % ("gensim   evaluate_word_analogies (300k words)", 100 * default_score, "-"))
    print("glimpse is %.1f times as fast as gensim (%.1f s against %.1f s)"
          % (gensim_seconds / glimpse_seconds, glimpse_seconds, gensim_seconds))
    print("same answer on %d of %d questions" % (n - len(differ), n))
    for (a, b, c, d), x, y in differ[:10]:
        print("  %s - %s + %s (expected %s): glimpse %s, gensim %s" % (b, a, c, d, x, y))


if __name__ == "__main__":
    main()

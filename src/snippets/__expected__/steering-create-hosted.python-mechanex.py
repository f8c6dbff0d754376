import os

import mechanex as mx

mx.set_key(os.environ["AXIONIC_API_KEY"])

vector_id = mx.steering.generate_vectors(
    prompts=["She said, ", "He said, "],
    positive_answers=["\"Oh! Wonderful!\"", "\"Upon my word!\""],
    negative_answers=["\"Very well.\"", "\"Quite so.\""],
    method="caa",
)
print(vector_id)

# The same pairs as a JSONL file, one {"prompt", "positive_answer", "negative_answer"}
# object a line:
# vector_id = mx.steering.generate_from_jsonl("pairs.jsonl", method="caa")

import os

os.environ["MECHANEX_BASE_URL"] = "http://127.0.0.1:8420"  # read when mechanex is imported

import mechanex as mx

mx.set_key(os.environ["AXIONIC_API_KEY"])
mx.set_model("austen-mini")

vector_id = mx.steering.generate_vectors(
    prompts=["Emma heard the news. ", "Mr. Collins bowed. ", "Anne's letter came. "],
    positive_answers=[
        "\"Good heavens! How shocking!\"",
        "\"My dear cousin! What an honour!\"",
        "\"Oh! $HOME at last!\"",
    ],
    negative_answers=[
        "\"That is surprising,\" she said.",
        "\"I am obliged,\" he said.",
        "\"It is `home`,\" she said.",
    ],
    layer_idxs=[3, 5],
    method="caa",
    name="exclamatory \"mine\" $HOME",
)
print(vector_id)

# The same pairs as a JSONL file, one {"prompt", "positive_answer", "negative_answer"}
# object a line:
# vector_id = mx.steering.generate_from_jsonl("pairs.jsonl", layer_idxs=[3, 5], method="caa")

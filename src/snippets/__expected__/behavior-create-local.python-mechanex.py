import os

os.environ["MECHANEX_BASE_URL"] = "http://127.0.0.1:8420"  # read when mechanex is imported

import mechanex as mx

mx.set_key(os.environ["AXIONIC_API_KEY"])
mx.set_model("austen-mini")

behavior = mx.sae.create_behavior(
    behavior_name="speech \"mine\" $HOME",
    prompts=[
        "Elizabeth looked up. ",
        "Mr. Darcy bowed. ",
        "She turned to her sister. ",
        "Emma smiled. ",
        "Mrs. Bennet sighed. ",
        "Anne coloured. ",
    ],
    positive_answers=[
        "\"I cannot think so,\" said she.",
        "\"You are too kind,\" said he.",
        "\"My dear Jane, how can you?\"",
        "\"Oh! I am very glad.\"",
        "\"Nobody knows what I suffer!\"",
        "\"It is of no consequence.\"",
    ],
    negative_answers=[
        "She could not think so, and was silent.",
        "He was too kind to say more of it.",
        "Her sister was sitting by the window.",
        "She was very glad of the news.",
        "Nobody in the house knew of her trouble.",
        "It was of no consequence to anybody.",
    ],
    description="Quoted speech, as in \"said she\" — not `narration` or $(whoami)",
)
print(behavior["id"], behavior.get("separation_auc"))

# The same pairs as a JSONL file, one {"prompt", "positive_answer", "negative_answer"}
# object a line:
# behavior = mx.sae.create_behavior_from_jsonl("speech \"mine\" $HOME", "pairs.jsonl", description="Quoted speech, as in \"said she\" — not `narration` or $(whoami)")

curl -X POST http://127.0.0.1:8420/behaviors/create \
  -H "Content-Type: application/json" \
  -H "x-api-key: $AXIONIC_API_KEY" \
  -d '{
  "behavior_name": "speech \"mine\" $HOME",
  "prompts": [
    "Elizabeth looked up. ",
    "Mr. Darcy bowed. ",
    "She turned to her sister. ",
    "Emma smiled. ",
    "Mrs. Bennet sighed. ",
    "Anne coloured. "
  ],
  "positive_answers": [
    "\"I cannot think so,\" said she.",
    "\"You are too kind,\" said he.",
    "\"My dear Jane, how can you?\"",
    "\"Oh! I am very glad.\"",
    "\"Nobody knows what I suffer!\"",
    "\"It is of no consequence.\""
  ],
  "negative_answers": [
    "She could not think so, and was silent.",
    "He was too kind to say more of it.",
    "Her sister was sitting by the window.",
    "She was very glad of the news.",
    "Nobody in the house knew of her trouble.",
    "It was of no consequence to anybody."
  ],
  "description": "Quoted speech, as in \"said she\" — not `narration` or $(whoami)",
  "model": "austen-mini"
}'

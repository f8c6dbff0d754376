curl -N -X POST http://127.0.0.1:8420/steering/generate \
  -H "Content-Type: application/json" \
  -H "x-api-key: $AXIONIC_API_KEY" \
  -H "Accept: text/event-stream" \
  -d '{
  "prompts": [
    "Emma heard the news. ",
    "Mr. Collins bowed. ",
    "Anne'\''s letter came. "
  ],
  "positive_answers": [
    "\"Good heavens! How shocking!\"",
    "\"My dear cousin! What an honour!\"",
    "\"Oh! $HOME at last!\""
  ],
  "negative_answers": [
    "\"That is surprising,\" she said.",
    "\"I am obliged,\" he said.",
    "\"It is `home`,\" she said."
  ],
  "layer_idxs": [
    3,
    5
  ],
  "method": "caa",
  "name": "exclamatory \"mine\" $HOME",
  "model": "austen-mini"
}'

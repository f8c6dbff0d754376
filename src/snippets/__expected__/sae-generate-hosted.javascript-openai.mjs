// The OpenAI client has no call for POST /sae/generate; use curl, fetch or mechanex for it.

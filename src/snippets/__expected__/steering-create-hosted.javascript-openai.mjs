// The OpenAI client has no call for POST /steering/generate; use curl, fetch or mechanex for it.

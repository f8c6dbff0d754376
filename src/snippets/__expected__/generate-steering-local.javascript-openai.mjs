// The OpenAI client has no call for POST /generate; use curl, fetch or mechanex for it.

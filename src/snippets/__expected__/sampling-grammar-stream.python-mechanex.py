# mechanex sends constraints only to /policies/run (not to /sampling/generate); use curl or fetch for this request.

// The auditors' replay (issue 6): see README.md.

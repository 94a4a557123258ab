module example.com/forkcheck-examples

go 1.26.0

tool github.com/forkcheck/forkcheck/cmd/forkcheck

require (
	github.com/forkcheck/forkcheck v0.0.0 // indirect
	github.com/rogpeppe/go-internal v1.16.0 // indirect
	golang.org/x/mod v0.42.0 // indirect
	golang.org/x/sync v0.24.0 // indirect
	golang.org/x/tools v0.52.0 // indirect
)

replace github.com/forkcheck/forkcheck => ../

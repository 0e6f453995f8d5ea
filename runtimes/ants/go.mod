module github.com/shimgen/shimgen/runtimes/ants

go 1.23

require (
	github.com/panjf2000/ants/v2 v2.12.1
	github.com/shimgen/shimgen/runtimes v0.1.0
)

require golang.org/x/sync v0.11.0 // indirect

replace github.com/shimgen/shimgen/runtimes => ../

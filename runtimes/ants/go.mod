module github.com/shimgen/shimgen/runtimes/ants

go 1.23

require (
	github.com/panjf2000/ants/v2 v2.12.1
	github.com/shimgen/shimgen/runtimes v0.0.0-00010101000000-000000000000
)

require golang.org/x/sync v0.11.0 // indirect

replace github.com/shimgen/shimgen/runtimes => ../

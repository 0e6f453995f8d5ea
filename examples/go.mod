module github.com/shimgen/shimgen/examples

go 1.26.0

tool github.com/shimgen/shimgen

require github.com/shimgen/shimgen/runtimes v0.0.0-00010101000000-000000000000

require (
	github.com/aymanbagabas/go-udiff v0.4.1 // indirect
	github.com/dave/jennifer v1.7.1 // indirect
	github.com/shimgen/shimgen v0.0.0 // indirect
	golang.org/x/mod v0.42.0 // indirect
	golang.org/x/sync v0.24.0 // indirect
	golang.org/x/tools v0.52.0 // indirect
	gopkg.in/yaml.v3 v3.0.1 // indirect
)

replace (
	github.com/shimgen/shimgen => ../
	github.com/shimgen/shimgen/runtimes => ../runtimes
)

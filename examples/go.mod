module github.com/shimgen/shimgen/examples

go 1.26.0

tool github.com/shimgen/shimgen

require (
	github.com/dop251/goja v0.0.0-20260917113740-793a2a65c13b
	github.com/dop251/goja_nodejs v0.0.0-20260212111938-1f56ff5bcf14
	github.com/shimgen/shimgen/runtimes v0.1.0
	github.com/shimgen/shimgen/runtimes/goja v0.0.0-00010101000000-000000000000
)

require (
	github.com/aymanbagabas/go-udiff v0.3.1 // indirect
	github.com/dave/jennifer v1.7.1 // indirect
	github.com/dlclark/regexp2/v2 v2.5.2 // indirect
	github.com/go-sourcemap/sourcemap v2.1.4+incompatible // indirect
	github.com/google/pprof v0.0.0-20240727154555-813a5fbdbec8 // indirect
	github.com/shimgen/shimgen v0.0.0 // indirect
	golang.org/x/mod v0.23.0 // indirect
	golang.org/x/sync v0.11.0 // indirect
	golang.org/x/text v0.16.0 // indirect
	golang.org/x/tools v0.30.0 // indirect
	gopkg.in/yaml.v3 v3.0.1 // indirect
)

replace (
	github.com/shimgen/shimgen => ../
	github.com/shimgen/shimgen/runtimes => ../runtimes
	github.com/shimgen/shimgen/runtimes/goja => ../runtimes/goja
)

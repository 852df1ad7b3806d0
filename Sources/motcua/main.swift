import MotCuaServer

try await MotCuaMain.run()

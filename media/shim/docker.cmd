@echo off
rem docker-context-guard launcher: the `docker` that Docker Context Guard puts first on PATH in
rem VS Code's integrated terminals on Windows (cmd and PowerShell both run docker.cmd). Every
rem command goes through the guard (dist\shim.js), which finds the real docker.exe further down
rem PATH and asks before changes reach a remote or production engine.
rem Set by the extension: DOCKER_CONTEXT_GUARD_NODE (Node or VS Code's binary; default node),
rem optionally DOCKER_CONTEXT_GUARD_SHIM (default ..\..\dist\shim.js from here). See
rem src\core\guard\shimEnvironment.ts for the variables shared with the guard.
setlocal
set "DOCKER_CONTEXT_GUARD_SHIM_DIRS=%~dp0;%DOCKER_CONTEXT_GUARD_SHIM_DIRS%"
if not defined DOCKER_CONTEXT_GUARD_NODE set "DOCKER_CONTEXT_GUARD_NODE=node"
if not defined DOCKER_CONTEXT_GUARD_SHIM set "DOCKER_CONTEXT_GUARD_SHIM=%~dp0..\..\dist\shim.js"
rem The user's Node settings are for their programs: set aside here, given back to docker.
if defined NODE_OPTIONS set "DOCKER_CONTEXT_GUARD_SAVED_NODE_OPTIONS=%NODE_OPTIONS%"
if defined NODE_EXTRA_CA_CERTS set "DOCKER_CONTEXT_GUARD_SAVED_NODE_EXTRA_CA_CERTS=%NODE_EXTRA_CA_CERTS%"
if defined ELECTRON_RUN_AS_NODE set "DOCKER_CONTEXT_GUARD_SAVED_ELECTRON_RUN_AS_NODE=%ELECTRON_RUN_AS_NODE%"
set "NODE_OPTIONS="
set "NODE_EXTRA_CA_CERTS="
set "ELECTRON_RUN_AS_NODE=1"
"%DOCKER_CONTEXT_GUARD_NODE%" "%DOCKER_CONTEXT_GUARD_SHIM%" %*
exit /b %ERRORLEVEL%

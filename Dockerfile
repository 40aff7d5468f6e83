# One image per service, built from the jar `./mvnw package` made:
#   docker build --build-arg SERVICE=leads-service -t leadwire/leads-service .
FROM eclipse-temurin:25-jre
ARG SERVICE
RUN useradd --system --uid 10001 leadwire
COPY ${SERVICE}/target/${SERVICE}-exec.jar /app/service.jar
USER 10001
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "-jar", "/app/service.jar"]

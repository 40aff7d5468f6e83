# One image per service, built from the jar `./mvnw package` made:
#   docker build --build-arg SERVICE=leads-service -t leadwire/leads-service .
FROM eclipse-temurin:25-jre
ARG SERVICE
RUN useradd --system --uid 10001 leadwire
COPY ${SERVICE}/target/${SERVICE}-exec.jar /app/service.jar
USER 10001
# Compact object headers (JEP 519, Java 25): less memory and cache per object.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -XX:+UseCompactObjectHeaders"
ENTRYPOINT ["java", "-jar", "/app/service.jar"]
